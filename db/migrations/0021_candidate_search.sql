-- Candidate search of job offers (api/services/candidate-search.ts): the CV's free-text
-- occupations, language names and the person's address, folded (lower case, no accents) as
-- domain/text.ts normalizeForSearch does, behind indexes the search's filters use.
CREATE OR REPLACE FUNCTION "cauce_fold"("value" text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT lower(translate("value", 'ÁÀÂÄÃáàâäãÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇç', 'AAAAAaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCc')) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "cv_language_keys"("languages" jsonb) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT coalesce(array_agg(public.cauce_fold(trim(l->>'language')) || ':' || (l->>'level')), '{}') FROM jsonb_array_elements("languages") l $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "cv_occupations"("experience" jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT coalesce(string_agg(public.cauce_fold(e->>'occupation'), ' | '), '') FROM jsonb_array_elements("experience") e $$;--> statement-breakpoint
CREATE INDEX "person_cvs_language_keys_idx" ON "person_cvs" USING gin (cv_language_keys("languages"));--> statement-breakpoint
CREATE INDEX "person_cvs_occupations_trgm_idx" ON "person_cvs" USING gin (cv_occupations("experience") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_cvs_shifts_idx" ON "person_cvs" USING gin ("shifts");--> statement-breakpoint
CREATE INDEX "person_cvs_insertion_groups_idx" ON "person_cvs" USING gin ("insertion_groups");--> statement-breakpoint
CREATE INDEX "persons_address_fold_trgm_idx" ON "persons" USING gin (cauce_fold("address") gin_trgm_ops);
