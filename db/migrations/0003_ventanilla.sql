CREATE TABLE "communication_attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"communication_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"media_type" text,
	"size" integer,
	"sha256" text,
	"url" text,
	"content" "bytea",
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communication_events" (
	"communication_id" text NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "communication_events_communication_id_seq_pk" PRIMARY KEY("communication_id","seq")
);
--> statement-breakpoint
CREATE TABLE "communication_signers" (
	"communication_id" text NOT NULL,
	"user_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"reason" text,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "communication_signers_communication_id_user_id_pk" PRIMARY KEY("communication_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "communications" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"sender_unit_id" text NOT NULL,
	"author_id" text NOT NULL,
	"registry_number" text NOT NULL,
	"recipient_unit_id" text NOT NULL,
	"current_unit_id" text NOT NULL,
	"unit_chain" text[] DEFAULT '{}' NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"signing_mode" text,
	"submitted_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"verification_code" text,
	"observations" text,
	"close_reason" text,
	"follow_up_of" text,
	"workflow_id" text NOT NULL,
	"projection_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signed_documents" (
	"communication_id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"verification_code" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"facts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_members" (
	"unit_id" text NOT NULL,
	"user_id" text NOT NULL,
	"position" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_members_unit_id_user_id_pk" PRIMARY KEY("unit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"receives_communications" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD CONSTRAINT "communication_attachments_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_events" ADD CONSTRAINT "communication_events_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_signers" ADD CONSTRAINT "communication_signers_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_signers" ADD CONSTRAINT "communication_signers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_sender_unit_id_units_id_fk" FOREIGN KEY ("sender_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_recipient_unit_id_units_id_fk" FOREIGN KEY ("recipient_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_current_unit_id_units_id_fk" FOREIGN KEY ("current_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signed_documents" ADD CONSTRAINT "signed_documents_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_members" ADD CONSTRAINT "unit_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_members" ADD CONSTRAINT "unit_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communication_attachments_comm_idx" ON "communication_attachments" USING btree ("communication_id","created_at");--> statement-breakpoint
CREATE INDEX "communication_signers_tray_idx" ON "communication_signers" USING btree ("user_id","requested_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "communications_outbox_unit_idx" ON "communications" USING btree ("sender_unit_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "communications_outbox_author_idx" ON "communications" USING btree ("author_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "communications_inbox_idx" ON "communications" USING btree ("current_unit_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "communications_org_idx" ON "communications" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "communications_follow_up_idx" ON "communications" USING btree ("follow_up_of");--> statement-breakpoint
CREATE UNIQUE INDEX "communications_registry_idx" ON "communications" USING btree ("organisation_id","registry_number");--> statement-breakpoint
CREATE UNIQUE INDEX "signed_documents_code_idx" ON "signed_documents" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "unit_members_user_idx" ON "unit_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "units_org_idx" ON "units" USING btree ("organisation_id","name");