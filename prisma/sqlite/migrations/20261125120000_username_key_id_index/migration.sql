-- CreateIndex
CREATE INDEX "users_username_key_id_idx" ON "users"("username_key", "id");

