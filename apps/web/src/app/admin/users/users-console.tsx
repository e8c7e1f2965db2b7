"use client";
import { USER_ROLES, type UserRole } from "@gatehouse/api";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { FormMessage } from "../../../components/form-message";
import { Pager } from "../../../components/pager";
import { describeApiError } from "../../../lib/api-error";
import { formatWhen } from "../../../lib/format";
import { ROLE_LABELS } from "../../../lib/labels";
import { useTRPC } from "../../../lib/trpc";
import type { Viewer } from "../../../lib/viewer";
import adminStyles from "../admin.module.css";
import { UserLink } from "../user-link";
import { CreateUserForm } from "./create-user-form";
import { UserRowActions } from "./user-row-actions";

type SortBy = "username" | "createdAt";
type Order = "asc" | "desc";
const PAGE_SIZE = 20;

/** The users table: sort, search, filters and keyset pages (a stack of cursors for "Previous"). */
export function UsersConsole({ viewer }: { viewer: Viewer }) {
  const trpc = useTRPC();
  const id = useId();
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<UserRole | "">("");
  const [status, setStatus] = useState<"" | "active" | "inactive">("");
  const [sortBy, setSortBy] = useState<SortBy>("createdAt");
  const [order, setOrder] = useState<Order>("desc");
  const [cursors, setCursors] = useState<Array<string | null>>([null]);

  // Any change of the question (search, filters, sort) starts again at the first page, in the
  // same update as the change: a reset in an effect would first send the new question with
  // the old cursor.

  // Search as you type, once typing pauses.
  useEffect(() => {
    const text = searchText.trim();
    if (text === search) return;
    const timer = setTimeout(() => {
      setSearch(text);
      setCursors([null]);
    }, 300);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  const cursor = cursors.at(-1) ?? null;
  const input = {
    limit: PAGE_SIZE,
    cursor,
    sortBy,
    order,
    search: search || null,
    role: role || null,
    isActive: status === "" ? null : status === "active",
    includeTotal: true,
  };
  const users = useQuery({ ...trpc.users.list.queryOptions(input), placeholderData: keepPreviousData });

  function sortOn(column: SortBy) {
    if (column === sortBy) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSortBy(column);
      setOrder(column === "username" ? "asc" : "desc");
    }
    startOver();
  }

  /** A new question: the first page. (Messages clear themselves at the next action: lib/clear-on-next-action.ts.) */
  function startOver() {
    setCursors([null]);
  }

  const ariaSort = (column: SortBy) => (sortBy === column ? (order === "asc" ? "ascending" : "descending") : "none");
  const arrow = (column: SortBy) => (sortBy === column ? (order === "asc" ? " ▲" : " ▼") : "");
  const page = users.data;
  const pageNumber = cursors.length;

  return (
    <div className="stack wide">
      <section className="card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Users</h1>
        <div className="filters" role="search">
          <div className="field">
            <label htmlFor={`${id}-search`}>Search</label>
            <input
              id={`${id}-search`}
              type="search"
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              placeholder="Part of a username"
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-role`}>Role</label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(event) => {
                setRole(event.target.value as UserRole | "");
                startOver();
              }}
            >
              <option value="">All roles</option>
              {USER_ROLES.map((option) => (
                <option key={option} value={option}>
                  {ROLE_LABELS[option]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select
              id={`${id}-status`}
              value={status}
              onChange={(event) => {
                setStatus(event.target.value as typeof status);
                startOver();
              }}
            >
              <option value="">All</option>
              <option value="active">Active</option>
              <option value="inactive">Inactive</option>
            </select>
          </div>
        </div>

        <p className="summary" aria-live="polite">
          {page?.total !== undefined ? `${page.total} user${page.total === 1 ? "" : "s"}` : "Loading users…"}
          {page && !users.isPlaceholderData && page.total !== undefined && page.total > 0 && ` · page ${pageNumber}`}
        </p>

        <div className="table-scroll">
          <table aria-busy={users.isPending || users.isFetching || users.isPlaceholderData}>
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort("username")}>
                  <button type="button" className="link-button" onClick={() => sortOn("username")}>
                    Username{arrow("username")}
                  </button>
                </th>
                <th scope="col" className="plain role-column">
                  Role
                </th>
                <th scope="col" className="plain">
                  Status
                </th>
                <th scope="col" aria-sort={ariaSort("createdAt")}>
                  <button type="button" className="link-button" onClick={() => sortOn("createdAt")}>
                    Created{arrow("createdAt")}
                  </button>
                </th>
                <th scope="col" className="plain">
                  Last log-in
                </th>
                <th scope="col" className="plain">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {page?.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <UserLink id={user.id} username={user.username} />
                  </th>
                  <td data-label="Role">{ROLE_LABELS[user.role]}</td>
                  <td data-label="Status">
                    <span className={user.isActive ? "badge ok" : "badge off"}>
                      {user.isActive ? "Active" : "Inactive"}
                    </span>
                  </td>
                  <td data-label="Created">
                    <time dateTime={user.createdAt} className={adminStyles.when}>
                      {formatWhen(user.createdAt)}
                    </time>
                  </td>
                  <td data-label="Last log-in">
                    {user.lastLogInAt ? (
                      <time dateTime={user.lastLogInAt} className={adminStyles.when}>
                        {formatWhen(user.lastLogInAt)}
                      </time>
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  <td data-label="Actions">
                    <UserRowActions user={user} />
                  </td>
                </tr>
              ))}
              {page && page.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    No users match.
                  </td>
                </tr>
              )}
              {users.isError && !page && (
                <tr>
                  <td colSpan={6}>
                    <FormMessage error={describeApiError(users.error).message} />
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>

        <Pager cursors={cursors} nextCursor={page?.nextCursor} onChange={setCursors} />
      </section>

      <section className="card">
        <CreateUserForm viewer={viewer} />
      </section>
    </div>
  );
}
