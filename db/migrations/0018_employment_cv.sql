CREATE TABLE "person_cvs" (
	"person_id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"sex" text,
	"disability" boolean DEFAULT false NOT NULL,
	"disability_percent" integer,
	"immigrant" boolean DEFAULT false NOT NULL,
	"unemployment_benefit" boolean DEFAULT false NOT NULL,
	"insertion_groups" text[] DEFAULT '{}' NOT NULL,
	"agency_registered_on" date,
	"working_time" text,
	"shifts" text[] DEFAULT '{}' NOT NULL,
	"travel" boolean DEFAULT false NOT NULL,
	"driving_licences" text[] DEFAULT '{}' NOT NULL,
	"education" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"courses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"experience" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_professional_cards" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"card_id" text NOT NULL,
	"expires_on" date,
	"position" integer DEFAULT 0 NOT NULL,
	"recorded_by" text,
	"workflow_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "professional_cards" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_cvs" ADD CONSTRAINT "person_cvs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_cvs" ADD CONSTRAINT "person_cvs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_cvs" ADD CONSTRAINT "person_cvs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_professional_cards" ADD CONSTRAINT "person_professional_cards_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_professional_cards" ADD CONSTRAINT "person_professional_cards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_professional_cards" ADD CONSTRAINT "person_professional_cards_card_id_professional_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."professional_cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_professional_cards" ADD CONSTRAINT "person_professional_cards_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professional_cards" ADD CONSTRAINT "professional_cards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_cvs_org_idx" ON "person_cvs" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "person_cvs_licences_idx" ON "person_cvs" USING gin ("driving_licences");--> statement-breakpoint
CREATE INDEX "person_cvs_experience_idx" ON "person_cvs" USING gin ("experience");--> statement-breakpoint
CREATE INDEX "person_cvs_education_idx" ON "person_cvs" USING gin ("education");--> statement-breakpoint
CREATE INDEX "person_cvs_languages_idx" ON "person_cvs" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "person_professional_cards_person_idx" ON "person_professional_cards" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_professional_cards_card_expiry_idx" ON "person_professional_cards" USING btree ("card_id","expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "professional_cards_org_code_idx" ON "professional_cards" USING btree ("organisation_id","code");--> statement-breakpoint
CREATE INDEX "professional_cards_org_name_idx" ON "professional_cards" USING btree ("organisation_id","name");