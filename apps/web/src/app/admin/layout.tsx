import type { ReactNode } from "react";
import { Providers } from "../providers";

/** Live data on these pages comes through React Query (see providers.tsx). */
export default function Layout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
