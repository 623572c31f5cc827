"""Everything fundgap writes for people and programs: for each document (gaps, report,
explain, validation, registry) its renderers, and the output converter that turns results into
the documented JSON contracts (docs/json.md). Results carry codes and values; the words and the
formats are chosen here."""
