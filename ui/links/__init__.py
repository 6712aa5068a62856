"""Links: one settings table per page (tables.py) and everything derived from it (kinds.py: what a row says;
pixels.py: a drawing as link text): the defaults, the values kept across pages, reading and writing a link."""
