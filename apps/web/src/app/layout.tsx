import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { isAdministrator } from "../lib/labels";
import { currentAccount } from "../server/account";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "Self-hosted accounts, sessions and administration.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const account = await currentAccount();
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
                {isAdministrator(account.role) && <Link href="/admin/users">Users</Link>}
                {isAdministrator(account.role) && <Link href="/admin/audit">Audit log</Link>}
                <Link href="/account">Account ({account.username})</Link>
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
