"""Words: the message catalogs in Kazakh, Russian and English, and outcomes said in them."""
