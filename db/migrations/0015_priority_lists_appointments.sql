CREATE TABLE "appointments" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"operator_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"cancel_reason" text,
	"outcome_at" timestamp with time zone,
	"outcome_by" text,
	"reminder_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"outcome_requested_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"workflow_id" text NOT NULL,
	"projection_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_list_workers" (
	"id" text PRIMARY KEY NOT NULL,
	"list_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"line" integer NOT NULL,
	"codice_fiscale" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"province" text NOT NULL,
	"benefit" text,
	"verification_outcome" text,
	"verification_note" text,
	"verified_at" timestamp with time zone,
	"verified_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "priority_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"file_name" text,
	"worker_count" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"person_id" text NOT NULL,
	"list_id" text,
	"outcome" text NOT NULL,
	"note" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_list_workers" ADD CONSTRAINT "priority_list_workers_list_id_priority_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."priority_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_list_workers" ADD CONSTRAINT "priority_list_workers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_list_workers" ADD CONSTRAINT "priority_list_workers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_list_workers" ADD CONSTRAINT "priority_list_workers_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_lists" ADD CONSTRAINT "priority_lists_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_lists" ADD CONSTRAINT "priority_lists_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_verifications" ADD CONSTRAINT "worker_verifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_verifications" ADD CONSTRAINT "worker_verifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_verifications" ADD CONSTRAINT "worker_verifications_list_id_priority_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."priority_lists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_verifications" ADD CONSTRAINT "worker_verifications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_org_starts_idx" ON "appointments" USING btree ("organisation_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "appointments_org_operator_starts_idx" ON "appointments" USING btree ("organisation_id","operator_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_org_status_starts_idx" ON "appointments" USING btree ("organisation_id","status","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_person_starts_idx" ON "appointments" USING btree ("person_id","starts_at") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "priority_list_workers_list_person_idx" ON "priority_list_workers" USING btree ("list_id","person_id");--> statement-breakpoint
CREATE INDEX "priority_list_workers_list_line_idx" ON "priority_list_workers" USING btree ("list_id","line");--> statement-breakpoint
CREATE INDEX "priority_list_workers_list_verification_idx" ON "priority_list_workers" USING btree ("list_id","verification_outcome","line");--> statement-breakpoint
CREATE INDEX "priority_list_workers_person_idx" ON "priority_list_workers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "priority_lists_org_created_idx" ON "priority_lists" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "worker_verifications_person_idx" ON "worker_verifications" USING btree ("person_id","created_at");