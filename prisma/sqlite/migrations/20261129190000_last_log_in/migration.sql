-- When each user last logged in with their password: the users table and a user's page show it.
-- AlterTable
ALTER TABLE "users" ADD COLUMN "last_log_in_at" DATETIME;

