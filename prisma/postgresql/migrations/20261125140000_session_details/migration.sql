-- Existing sessions have no public id, address or agent: they end, and people log in again.
DELETE FROM "sessions";

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "ip_address" TEXT,
ADD COLUMN     "last_used_at" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "public_id" TEXT NOT NULL,
ADD COLUMN     "user_agent" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "sessions_public_id_key" ON "sessions"("public_id");

