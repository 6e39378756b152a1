-- Candidate search of job offers (api/services/candidate-search.ts): the CV's free-text
-- occupations, language names and the person's address, folded (lower case, no accents) as
-- domain/text.ts normalizeForSearch does, behind indexes the search's filters use. The folded
-- lists are stored (generated columns): the search ranks by relaxed criteria on every match, and
-- calling the list functions per row cost 3x at 50,000 CVs, and folding 50,000 addresses on a
-- sequential scan of persons took 230 ms.
CREATE OR REPLACE FUNCTION "cauce_fold"("value" text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT lower(translate("value", 'ÁÀÂÄÃáàâäãÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇç', 'AAAAAaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCc')) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "cv_language_keys"("languages" jsonb) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000
	AS $$ SELECT coalesce(array_agg(public.cauce_fold(trim(l->>'language')) || ':' || (l->>'level')), '{}') FROM jsonb_array_elements("languages") l $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "cv_occupations"("experience" jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000
	AS $$ SELECT coalesce(string_agg(public.cauce_fold(e->>'occupation'), ' | '), '') FROM jsonb_array_elements("experience") e $$;--> statement-breakpoint
ALTER TABLE "person_cvs" ADD COLUMN "language_keys" text[] GENERATED ALWAYS AS (cv_language_keys("languages")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "person_cvs" ADD COLUMN "occupations_text" text GENERATED ALWAYS AS (cv_occupations("experience")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "person_cvs_language_keys_idx" ON "person_cvs" USING gin ("language_keys");--> statement-breakpoint
CREATE INDEX "person_cvs_occupations_trgm_idx" ON "person_cvs" USING gin ("occupations_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_cvs_shifts_idx" ON "person_cvs" USING gin ("shifts");--> statement-breakpoint
CREATE INDEX "person_cvs_insertion_groups_idx" ON "person_cvs" USING gin ("insertion_groups");--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "address_folded" text GENERATED ALWAYS AS (cauce_fold("address")) STORED;--> statement-breakpoint
CREATE INDEX "persons_address_fold_trgm_idx" ON "persons" USING gin ("address_folded" gin_trgm_ops);
