-- Trigram indexes back the accent- and case-insensitive person search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
