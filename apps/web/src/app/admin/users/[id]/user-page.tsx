"use client";
import type { RouterOutputs } from "@gatehouse/api";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, type ReactNode } from "react";
import { formatWhen } from "../../../../lib/format";
import { ROLE_LABELS } from "../../../../lib/labels";
import { useTRPC } from "../../../../lib/trpc";
import adminStyles from "../../admin.module.css";
import { UserSessionsPanel } from "../user-sessions-panel";
import { UserApiKeys } from "./user-api-keys";
import { UserHistory } from "./user-history";
import { UserPasskeys } from "./user-passkeys";
import { UserTwoFactor } from "./user-two-factor";
import styles from "./user-page.module.css";
import { UserRowActions } from "../user-row-actions";

type User = RouterOutputs["users"]["get"];

/**
 * One user's page: the profile with what the admin may do, then a section per subject
 * (sessions, two-factor authentication, passkeys, API keys, history).
 */
export function UserPage({ initialUser, viewerId }: { initialUser: User; viewerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const userId = initialUser.id;
  const isViewer = userId === viewerId;
  const { data: user } = useQuery({ ...trpc.users.get.queryOptions({ userId }), initialData: initialUser });

  // Whatever changes on this page (an action, ended sessions), the profile, the sessions (a
  // new password or a deactivation ends them), the history (each change is an event) and the
  // users table are read again.
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "success") return;
        void queryClient.invalidateQueries({ queryKey: trpc.users.get.queryKey({ userId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.users.sessions.queryKey({ userId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.users.apiKeys.queryKey({ userId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.users.passkeys.queryKey({ userId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() });
      }),
    [queryClient, trpc, userId],
  );

  return (
    <div className="stack wide">
      <section className="card" aria-labelledby={`${id}-title`}>
        <p className={styles.crumbs}>
          <Link href="/admin/users">All users</Link>
        </p>
        <h1 id={`${id}-title`}>{user.username}</h1>
        <dl className="details">
          <dt>Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt>Status</dt>
          <dd>
            <span className={user.isActive ? "badge ok" : "badge off"}>{user.isActive ? "Active" : "Inactive"}</span>
          </dd>
          <dt>Created</dt>
          <dd>
            <time dateTime={user.createdAt} className={adminStyles.when}>
              {formatWhen(user.createdAt)}
            </time>
          </dd>
          <dt>Last log-in</dt>
          <dd>
            {user.lastLogInAt ? (
              <time dateTime={user.lastLogInAt} className={adminStyles.when}>
                {formatWhen(user.lastLogInAt)}
              </time>
            ) : (
              "Never"
            )}
          </dd>
          <dt>User id</dt>
          <dd className="mono">{user.id}</dd>
        </dl>
        <div className={styles.profileActions}>
          {isViewer ? (
            <p className="muted">
              This is you: change your password on <Link href="/account">your account page</Link>.
            </p>
          ) : (["setPassword", "grantAdmin", "revokeAdmin", "activate", "deactivate"] as const).some(
              (action) => user.can[action],
            ) ? (
            <UserRowActions user={user} sessions={false} />
          ) : (
            <p className="muted">Changes to this user are for an administrator above their role.</p>
          )}
        </div>
      </section>

      <UserSection title="Sessions">
        {isViewer ? (
          <p className="muted">
            Yours are on <Link href="/account">your account page</Link>.
          </p>
        ) : !user.can.viewSessions ? (
          <p className="muted">You may see the sessions of users below your role only.</p>
        ) : (
          <UserSessionsPanel userId={user.id} username={user.username} />
        )}
      </UserSection>

      <UserSection title="Two-factor authentication">
        {isViewer ? (
          <p className="muted">
            Yours is on <Link href="/account">your account page</Link>.
          </p>
        ) : (
          <UserTwoFactor user={user} />
        )}
      </UserSection>

      <UserSection title="Passkeys">
        {isViewer ? (
          <p className="muted">
            Yours are on <Link href="/account">your account page</Link>.
          </p>
        ) : !user.can.endSessions ? (
          // users.passkeys and users.removePasskeys are allowed exactly where sessions are (a subordinate).
          <p className="muted">You may see the passkeys of users below your role only.</p>
        ) : (
          <UserPasskeys userId={user.id} username={user.username} />
        )}
      </UserSection>

      <UserSection title="API keys">
        {isViewer ? (
          <p className="muted">
            Yours are on <Link href="/account">your account page</Link>.
          </p>
        ) : !user.can.endSessions ? (
          // users.apiKeys and users.revokeApiKeys are allowed exactly where sessions are (a subordinate).
          <p className="muted">You may see the API keys of users below your role only.</p>
        ) : (
          <UserApiKeys userId={user.id} username={user.username} />
        )}
      </UserSection>

      <UserSection title="History">
        <UserHistory userId={user.id} />
      </UserSection>
    </div>
  );
}

/** A titled section of the user's page, named by its heading for assistive technology. */
function UserSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
