CREATE TABLE "referral_events" (
	"referral_id" text NOT NULL,
	"seq" integer NOT NULL,
	"organisation_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"action" text NOT NULL,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_events_referral_id_seq_pk" PRIMARY KEY("referral_id","seq")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"intervention_id" text NOT NULL,
	"person_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"resource_name" text NOT NULL,
	"receiving_organisation_id" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"assignee_id" text NOT NULL,
	"created_by" text NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"consent" jsonb,
	"reason" text,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"next_chase_at" timestamp with time zone,
	"chases" integer DEFAULT 0 NOT NULL,
	"pending_follow_ups" integer DEFAULT 0 NOT NULL,
	"workflow_id" text NOT NULL,
	"projection_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"need_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"email" text,
	"phone" text,
	"address" text,
	"opening_hours" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"partner_organisation_id" text,
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"purpose" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"issued_to" text,
	"locale" text DEFAULT 'es' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"last_used_at" timestamp with time zone,
	"uses" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_partner_organisation_id_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_links" ADD CONSTRAINT "public_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_org_status_idx" ON "referrals" USING btree ("organisation_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "referrals_org_assignee_idx" ON "referrals" USING btree ("organisation_id","assignee_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "referrals_intervention_idx" ON "referrals" USING btree ("intervention_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_resource_idx" ON "referrals" USING btree ("resource_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_receiving_idx" ON "referrals" USING btree ("receiving_organisation_id","status") WHERE receiving_organisation_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "referrals_org_chase_idx" ON "referrals" USING btree ("organisation_id","next_chase_at") WHERE next_chase_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "resources_org_name_idx" ON "resources" USING btree ("organisation_id","active","name");--> statement-breakpoint
CREATE INDEX "resources_search_trgm_idx" ON "resources" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "resources_needs_idx" ON "resources" USING gin ("need_codes");--> statement-breakpoint
CREATE INDEX "resources_partner_idx" ON "resources" USING btree ("partner_organisation_id") WHERE partner_organisation_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "public_links_subject_idx" ON "public_links" USING btree ("subject_type","subject_id");