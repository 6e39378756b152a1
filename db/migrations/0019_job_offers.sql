CREATE TABLE "job_offers" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"own" boolean NOT NULL,
	"employer_name" text NOT NULL,
	"employer_tax_id" text NOT NULL,
	"employer_contact_name" text,
	"employer_email" text,
	"employer_phone" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"vacancies" integer NOT NULL,
	"province" text NOT NULL,
	"municipality" text,
	"contract_type" text NOT NULL,
	"salary_min" integer,
	"salary_max" integer,
	"starts_on" date,
	"ends_on" date,
	"criteria" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_reason" text,
	"closed_at" timestamp with time zone,
	"placed_count" integer DEFAULT 0 NOT NULL,
	"workflow_id" text NOT NULL,
	"projection_version" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_offer_candidates" (
	"offer_id" text NOT NULL,
	"person_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"status" text NOT NULL,
	"favourite" boolean DEFAULT false NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"status_by" text,
	"placed_on" date,
	"contract_type" text,
	"interest_reminded_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"added_by" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"projection_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "job_offer_candidates_offer_id_person_id_pk" PRIMARY KEY("offer_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "job_offer_shares" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_offer_shares_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "job_offer_share_views" (
	"id" text PRIMARY KEY NOT NULL,
	"share_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"what" text NOT NULL,
	"person_id" text,
	"ip" text,
	"user_agent" text,
	"viewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offer_candidates" ADD CONSTRAINT "job_offer_candidates_offer_id_job_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."job_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offer_candidates" ADD CONSTRAINT "job_offer_candidates_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offer_shares" ADD CONSTRAINT "job_offer_shares_offer_id_job_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."job_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offer_shares" ADD CONSTRAINT "job_offer_shares_token_hash_public_links_token_hash_fk" FOREIGN KEY ("token_hash") REFERENCES "public"."public_links"("token_hash") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offer_share_views" ADD CONSTRAINT "job_offer_share_views_share_id_job_offer_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."job_offer_shares"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_offers_org_status_idx" ON "job_offers" USING btree ("organisation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "job_offers_employer_idx" ON "job_offers" USING btree ("organisation_id","employer_tax_id");--> statement-breakpoint
CREATE INDEX "job_offer_candidates_person_idx" ON "job_offer_candidates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "job_offer_candidates_placed_idx" ON "job_offer_candidates" USING btree ("organisation_id","placed_on") WHERE status = 'placed';--> statement-breakpoint
CREATE INDEX "job_offer_shares_offer_idx" ON "job_offer_shares" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "job_offer_share_views_share_idx" ON "job_offer_share_views" USING btree ("share_id","viewed_at");
