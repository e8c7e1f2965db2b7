-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits"("expire");


-- At most one super admin, enforced by the database so that two concurrent bootstraps
-- cannot both succeed (the Prisma schema language has no partial indexes, so this is written by hand).
CREATE UNIQUE INDEX "users_single_super_admin" ON "users"("role") WHERE "role" = 'super_admin';
