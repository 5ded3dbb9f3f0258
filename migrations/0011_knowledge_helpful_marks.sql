CREATE TABLE "knowledge_helpful_marks" (
	"article_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "knowledge_helpful_marks_article_id_user_id_pk" PRIMARY KEY("article_id","user_id")
);
