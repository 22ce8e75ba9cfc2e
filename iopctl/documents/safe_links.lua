-- iopctl: links and images in a rendered document cannot carry script (issue 16).
--
-- Agreement texts are Markdown from pull requests. pandoc reads them with the
-- extensions that let text write HTML or attributes switched off (convert.py); this
-- filter then keeps a link only when its target is a web or mail address, a phone
-- number, a fragment (#section) or a plain relative path, and shows anything else
-- (javascript:, data:, vbscript:, file:, //host or \\host paths) as its text. Images
-- are shown as their description: a document never loads anything when it is opened.

local SAFE_SCHEMES = { http = true, https = true, mailto = true, tel = true }

local function safe_target(target)
  -- Browsers ignore ASCII whitespace and control characters inside a URL
  -- ("java\tscript:"), so they are ignored here too before the scheme is read.
  local compact = target:gsub("[%c%s]", "")
  if compact:find("\\", 1, true) or compact:sub(1, 2) == "//" then
    return false
  end
  local scheme = compact:match("^([%a][%w+.%-]*):")
  if scheme == nil then
    return true -- relative path or #fragment
  end
  return SAFE_SCHEMES[scheme:lower()] == true
end

function Link(link)
  if safe_target(link.target) then
    link.attr = pandoc.Attr()
    return link
  end
  return link.content
end

function Image(image)
  return image.caption
end
