"""iopctl.site.markdown: agreement Markdown as inert HTML for the agreement page."""

from __future__ import annotations

from iopctl.site.markdown import to_html


def test_headings_move_under_the_page_headings() -> None:
    assert to_html("# Titel\n\n## Del\n\n###### Djup\n") == (
        "<h3>Titel</h3>\n<h4>Del</h4>\n<h6>Djup</h6>\n"
    )


def test_raw_html_is_text() -> None:
    assert to_html("<script>alert(1)</script>\n\na <b>b</b>\n") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>a &lt;b&gt;b&lt;/b&gt;</p>\n"
    )


def test_dangerous_links_stay_text_and_others_are_links() -> None:
    html = to_html("[a](javascript:alert(1)) [b](vbscript:x) [c](https://skr.se/opi)\n")
    assert html == (
        '<p>[a](javascript:alert(1)) [b](vbscript:x) <a href="https://skr.se/opi">c</a></p>\n'
    )


def test_images_are_never_loaded() -> None:
    assert to_html('![Logga "x"](http://example.invalid/t.png)\n') == (
        '<p><span class="image-alt">[bild: Logga &#34;x&#34;]</span></p>\n'
    )


def test_tables_align_by_class_and_headers_have_scope() -> None:
    html = to_html("| Part | Belopp |\n|:--|--:|\n| A | 1 |\n")
    assert '<th class="align-left" scope="col">Part</th>' in html
    assert '<td class="align-right">1</td>' in html
    assert "style=" not in html


def test_hard_line_breaks_as_the_templates_write_them() -> None:
    assert to_html("Ort och datum:\\\nNamn\n") == "<p>Ort och datum:<br />\nNamn</p>\n"
