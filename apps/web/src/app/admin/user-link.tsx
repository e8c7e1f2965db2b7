import Link from "next/link";

/** The href of a user's page in the console. */
export const userPagePath = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

/**
 * A user's name, linking to their page. Not prefetched: a table holds dozens of these, each
 * page is rendered per request, and most are never opened.
 */
export function UserLink({ id, username }: { id: string; username: string }) {
  return (
    <Link href={userPagePath(id)} prefetch={false}>
      {username}
    </Link>
  );
}
