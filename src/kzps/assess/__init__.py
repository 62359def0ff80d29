"""Assessment material from the standard (para 1): attestation sheets out, scored sheets
in, training needs named.

`items` numbers what a card says a worker must show; `layout` lays it out in a language;
`sheet_xlsx` (with `paging`), `sheet_html` and `sheet_md` write it; `read` reads a filled
sheet back;
`score`, `rule` and `unit` decide nothing the standard does not (it sets no pass mark);
`view` says the result. Pure except for the writers and the reader.
"""
