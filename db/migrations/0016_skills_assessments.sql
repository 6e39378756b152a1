CREATE TABLE "outbox_attachments" (
	"outbox_id" text NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competences" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sector" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills_assessment_files" (
	"id" text PRIMARY KEY NOT NULL,
	"assessment_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills_assessment_phases" (
	"assessment_id" text NOT NULL,
	"phase" text NOT NULL,
	"organisation_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"panels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"saved_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skills_assessment_phases_assessment_id_phase_pk" PRIMARY KEY("assessment_id","phase")
);
--> statement-breakpoint
CREATE TABLE "skills_assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"appointment_id" text,
	"operator_id" text NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"phase" text DEFAULT 'preliminary' NOT NULL,
	"contract_file_id" text,
	"enrolment" jsonb,
	"last_saved_at" timestamp with time zone,
	"next_reminder_at" timestamp with time zone,
	"reminders" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"workflow_id" text NOT NULL,
	"created_by" text NOT NULL,
	"projection_version" integer DEFAULT -1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_course_providers" (
	"course_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"province" text NOT NULL,
	"organisation_id" text NOT NULL,
	CONSTRAINT "training_course_providers_course_id_provider_id_province_pk" PRIMARY KEY("course_id","provider_id","province")
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"sector" text DEFAULT '' NOT NULL,
	"competence_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours" integer,
	"province" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_providers" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "captured_mails" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "attachment_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_attachments" ADD CONSTRAINT "outbox_attachments_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competences" ADD CONSTRAINT "competences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_assessment_files" ADD CONSTRAINT "skills_assessment_files_assessment_id_skills_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."skills_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_assessment_phases" ADD CONSTRAINT "skills_assessment_phases_assessment_id_skills_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."skills_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_assessments" ADD CONSTRAINT "skills_assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_assessments" ADD CONSTRAINT "skills_assessments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills_assessments" ADD CONSTRAINT "skills_assessments_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_course_providers" ADD CONSTRAINT "training_course_providers_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_course_providers" ADD CONSTRAINT "training_course_providers_provider_id_training_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."training_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_providers" ADD CONSTRAINT "training_providers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_attachments_pk_idx" ON "outbox_attachments" USING btree ("outbox_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "competences_org_code_idx" ON "competences" USING btree ("organisation_id","code");--> statement-breakpoint
CREATE INDEX "skills_assessment_files_assessment_idx" ON "skills_assessment_files" USING btree ("assessment_id","created_at");--> statement-breakpoint
CREATE INDEX "skills_assessments_org_status_idx" ON "skills_assessments" USING btree ("organisation_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "skills_assessments_operator_idx" ON "skills_assessments" USING btree ("organisation_id","operator_id","status");--> statement-breakpoint
CREATE INDEX "skills_assessments_person_idx" ON "skills_assessments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_course_providers_org_idx" ON "training_course_providers" USING btree ("organisation_id","province");--> statement-breakpoint
CREATE UNIQUE INDEX "training_courses_org_code_idx" ON "training_courses" USING btree ("organisation_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_providers_org_code_idx" ON "training_providers" USING btree ("organisation_id","code");