-- The person list sorts names in the reader's language with ICU collations; one index per
-- collation keeps its first page flat with size. A PostgreSQL built without ICU has none of
-- these collations: it gets no index rather than a failed start.
DO $$
DECLARE lang text;
BEGIN
  FOREACH lang IN ARRAY ARRAY['es', 'it', 'en'] LOOP
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = lang || '-x-icu') THEN
      EXECUTE format(
        'CREATE INDEX IF NOT EXISTS %I ON "persons" USING btree ("organisation_id", last_name COLLATE %I, first_name COLLATE %I, "code")',
        'persons_org_name_' || lang || '_idx', lang || '-x-icu', lang || '-x-icu');
    END IF;
  END LOOP;
END $$;
