CREATE TABLE "event_texts" (
	"fan_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "event_texts_fan_id_event_id_pk" PRIMARY KEY("fan_id","event_id"),
	CONSTRAINT "event_texts_text_length" CHECK (char_length("event_texts"."text") between 1 and 4096)
);
