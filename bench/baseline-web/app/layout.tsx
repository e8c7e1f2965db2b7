import type { ReactNode } from "react";

// Route handlers only; Next.js still wants a root layout for its generated pages.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
