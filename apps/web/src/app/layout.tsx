import { ADMINISTRATOR_ROLES } from "@gatehouse/api";
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LogOutButton } from "../components/log-out-button";
import { currentAccount } from "../server/account";
import { mfaEnrolmentPending } from "../server/mfa-enrolment";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "Self-hosted accounts, sessions and administration.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const account = await currentAccount();
  // No links to the admin pages while they would refuse the caller (REQUIRE_MFA, not set up).
  const administers = account !== null && ADMINISTRATOR_ROLES.includes(account.role) && !(await mfaEnrolmentPending());
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Gatehouse
          </Link>
          <nav aria-label="Main">
            {account ? (
              <>
                {administers && <Link href="/admin">Overview</Link>}
                {administers && <Link href="/admin/users">Users</Link>}
                {administers && <Link href="/admin/audit">Audit log</Link>}
                <Link href="/account">Account ({account.username})</Link>
                <LogOutButton />
              </>
            ) : (
              <>
                <Link href="/login">Log in</Link>
                <Link href="/signup">Sign up</Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
