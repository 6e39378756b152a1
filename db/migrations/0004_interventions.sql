CREATE TABLE "assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"summary" text NOT NULL,
	"need_codes" text[] NOT NULL,
	"outcome" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"intervention_id" text NOT NULL,
	"assignee_id" text,
	"due_at" timestamp with time zone NOT NULL,
	"overdue_at" timestamp with time zone,
	"note" text NOT NULL,
	"status" text NOT NULL,
	"chases" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"outcome_notes" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_by" text,
	"finished_at" timestamp with time zone,
	"workflow_id" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervention_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"intervention_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"author_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervention_attributes" (
	"intervention_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "intervention_attributes_intervention_id_key_pk" PRIMARY KEY("intervention_id","key")
);
--> statement-breakpoint
CREATE TABLE "intervention_collaborators" (
	"intervention_id" text NOT NULL,
	"user_id" text NOT NULL,
	"user_organisation_id" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "intervention_collaborators_intervention_id_user_id_pk" PRIMARY KEY("intervention_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "intervention_events" (
	"intervention_id" text NOT NULL,
	"seq" integer NOT NULL,
	"organisation_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervention_events_intervention_id_seq_pk" PRIMARY KEY("intervention_id","seq")
);
--> statement-breakpoint
CREATE TABLE "intervention_flags" (
	"id" text PRIMARY KEY NOT NULL,
	"intervention_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"message" text NOT NULL,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervention_needs" (
	"intervention_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"code" text NOT NULL,
	"covered" boolean DEFAULT false NOT NULL,
	"covered_at" timestamp with time zone,
	"covered_by" text,
	"cover_note" text,
	"assessment_id" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "intervention_needs_intervention_id_code_pk" PRIMARY KEY("intervention_id","code")
);
--> statement-breakpoint
CREATE TABLE "intervention_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"intervention_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"body" text NOT NULL,
	"author_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervention_relations" (
	"intervention_id" text NOT NULL,
	"related_id" text NOT NULL,
	"note" text,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "intervention_relations_intervention_id_related_id_pk" PRIMARY KEY("intervention_id","related_id")
);
--> statement-breakpoint
CREATE TABLE "interventions" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"code" text NOT NULL,
	"need_code" text NOT NULL,
	"group_code" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" text,
	"closure_reason" text,
	"closure_note" text,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"needs_total" integer DEFAULT 0 NOT NULL,
	"needs_covered" integer DEFAULT 0 NOT NULL,
	"open_flags" integer DEFAULT 0 NOT NULL,
	"pending_follow_ups" integer DEFAULT 0 NOT NULL,
	"overdue_follow_ups" integer DEFAULT 0 NOT NULL,
	"next_follow_up_at" timestamp with time zone,
	"workflow_id" text NOT NULL,
	"projection_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"organisation_id" text NOT NULL,
	"code" text NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_organisation_id_code_pk" PRIMARY KEY("organisation_id","code")
);
--> statement-breakpoint
CREATE TABLE "organisation_partners" (
	"organisation_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_partners_organisation_id_partner_id_pk" PRIMARY KEY("organisation_id","partner_id")
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_actions" ADD CONSTRAINT "intervention_actions_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_attributes" ADD CONSTRAINT "intervention_attributes_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_collaborators" ADD CONSTRAINT "intervention_collaborators_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_events" ADD CONSTRAINT "intervention_events_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_flags" ADD CONSTRAINT "intervention_flags_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_needs" ADD CONSTRAINT "intervention_needs_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_notes" ADD CONSTRAINT "intervention_notes_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervention_relations" ADD CONSTRAINT "intervention_relations_intervention_id_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."interventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_partners" ADD CONSTRAINT "organisation_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_partners" ADD CONSTRAINT "organisation_partners_partner_id_organisations_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_person_idx" ON "assessments" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "follow_ups_assignee_due_idx" ON "follow_ups" USING btree ("assignee_id","due_at");--> statement-breakpoint
CREATE INDEX "follow_ups_intervention_idx" ON "follow_ups" USING btree ("intervention_id","due_at");--> statement-breakpoint
CREATE INDEX "follow_ups_pending_idx" ON "follow_ups" USING btree ("organisation_id","due_at") WHERE status IN ('scheduled','due','overdue');--> statement-breakpoint
CREATE INDEX "intervention_actions_idx" ON "intervention_actions" USING btree ("intervention_id","date");--> statement-breakpoint
CREATE INDEX "intervention_collaborators_user_idx" ON "intervention_collaborators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "intervention_events_actor_idx" ON "intervention_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "intervention_flags_idx" ON "intervention_flags" USING btree ("intervention_id");--> statement-breakpoint
CREATE INDEX "intervention_notes_idx" ON "intervention_notes" USING btree ("intervention_id","created_at");--> statement-breakpoint
CREATE INDEX "intervention_relations_related_idx" ON "intervention_relations" USING btree ("related_id");--> statement-breakpoint
CREATE INDEX "interventions_org_status_idx" ON "interventions" USING btree ("organisation_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "interventions_org_updated_idx" ON "interventions" USING btree ("organisation_id","updated_at");--> statement-breakpoint
CREATE INDEX "interventions_org_assignee_idx" ON "interventions" USING btree ("organisation_id","assignee_id","status");--> statement-breakpoint
CREATE INDEX "interventions_org_opened_idx" ON "interventions" USING btree ("organisation_id","opened_at");--> statement-breakpoint
CREATE INDEX "interventions_org_need_idx" ON "interventions" USING btree ("organisation_id","need_code","status");--> statement-breakpoint
CREATE INDEX "interventions_person_idx" ON "interventions" USING btree ("person_id","need_code","status");--> statement-breakpoint
CREATE INDEX "interventions_org_code_idx" ON "interventions" USING btree ("organisation_id","code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "interventions_org_next_follow_up_idx" ON "interventions" USING btree ("organisation_id","next_follow_up_at");--> statement-breakpoint
CREATE INDEX "interventions_org_overdue_idx" ON "interventions" USING btree ("organisation_id","updated_at") WHERE overdue_follow_ups > 0;--> statement-breakpoint
CREATE INDEX "interventions_org_flagged_idx" ON "interventions" USING btree ("organisation_id","updated_at") WHERE open_flags > 0;--> statement-breakpoint
CREATE INDEX "needs_parent_idx" ON "needs" USING btree ("organisation_id","parent_code");--> statement-breakpoint
CREATE INDEX "organisation_partners_partner_idx" ON "organisation_partners" USING btree ("partner_id");