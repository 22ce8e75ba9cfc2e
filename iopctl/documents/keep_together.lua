-- iopctl: numbers joined by a hyphen never break across lines in Word or LibreOffice
-- (issue 13). A date (2016-06-30), an organisation number (212000-0449) or a case number
-- (ÄN 2019-878) split at the end of a line reads as two numbers; in Word and ODT output the
-- hyphen between two digits becomes U+2011 NON-BREAKING HYPHEN, which looks the same.
-- Only text is changed: link targets, and the Markdown and HTML output, keep "-".

local NB_HYPHEN = "\u{2011}"

function Str(element)
  local text = element.text
  if not text:find("%d%-%d") then
    return nil
  end
  -- twice: "1-2-3" has overlapping pairs, and gsub does not look back
  for _ = 1, 2 do
    text = text:gsub("(%d)%-(%d)", "%1" .. NB_HYPHEN .. "%2")
  end
  return pandoc.Str(text)
end
