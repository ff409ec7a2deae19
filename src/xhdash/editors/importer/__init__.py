"""Officials' own tables in: sniff, read, recognise the layout, resolve names, compare, publish."""
