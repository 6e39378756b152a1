CREATE TABLE "sepe_files" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"file_name" text NOT NULL,
	"generated_by" text,
	"generated_by_name" text,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sha256" text NOT NULL,
	"records" integer NOT NULL,
	"byte_size" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sepe_files" ADD CONSTRAINT "sepe_files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sepe_files" ADD CONSTRAINT "sepe_files_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sepe_files_org_generated_idx" ON "sepe_files" USING btree ("organisation_id","generated_at");
