"""Rosters (CONTRACT §Roster): a whole staff list checked row by row, as `kzps check`
checks one person: columns, header, sources, rows, tally, reports, summary, run."""
