"use client";
import type { RouterOutputs } from "@gatehouse/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormMessage } from "../../components/form-message";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { useFocusReturn } from "../../lib/focus-return";
import { formatWhen } from "../../lib/format";
import { KEEPS_LAST_FACTOR, MFA_SECTION_ID } from "../../lib/mfa-enrolment";
import { useTRPC } from "../../lib/trpc";
import { ConfirmIdentityForm } from "./confirm-identity-form";
import { RecoveryCodes } from "./recovery-codes";
import { TotpEnrolment } from "./totp-enrolment";

type Status = RouterOutputs["account"]["mfa"]["status"];
type Enrolment = RouterOutputs["account"]["mfa"]["beginTotp"];

/** Few enough recovery codes left to say so. */
const FEW_RECOVERY_CODES = 3;

/** What the section is showing besides the status: one thing at a time. */
type Stage =
  | { kind: "status" }
  | { kind: "beginning" }
  | { kind: "enrolling"; enrolment: Enrolment }
  | { kind: "codes"; codes: string[]; intro: string; done: string }
  | { kind: "regenerating" }
  | { kind: "disabling" };

/**
 * Two-factor authentication on the account page: set it up (password, QR code, first code,
 * recovery codes shown once), or, once on, make new recovery codes or turn it off (each with
 * the password and a current code). `required`: the administrator requires it (REQUIRE_MFA)
 * and the caller has not set it up; the page then shows this section alone, and once it is
 * on the whole page is rendered again.
 */
export function TwoFactorSection({
  initialStatus,
  username,
  required,
}: {
  initialStatus: Status;
  username: string;
  required: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: "status" });
  const [done, setDone] = useState<string | null>(null);
  const { data: status } = useQuery({ ...trpc.account.mfa.status.queryOptions(), initialData: initialStatus });
  const beginTotp = useMutation(trpc.account.mfa.beginTotp.mutationOptions());
  const regenerate = useMutation(trpc.account.mfa.regenerateRecoveryCodes.mutationOptions());
  const disable = useMutation({ ...trpc.account.mfa.disable.mutationOptions(), meta: KEEPS_LAST_FACTOR });
  const { refFor, close } = useFocusReturn<"setUp" | "regenerate" | "disable">();
  useClearOnNextAction(done !== null, () => setDone(null));

  /** The status, and the sessions (turning it on or off ends the others), read again. */
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.account.mfa.status.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() }),
    ]);

  function open(next: Stage) {
    setDone(null);
    setStage(next);
  }

  function finishCodes(message: string) {
    setStage({ kind: "status" });
    setDone(message);
    // Set up at last where it was required: the rest of the account page (and the site) opens.
    if (required) router.refresh();
  }

  let body;
  switch (stage.kind) {
    case "beginning":
      body = (
        <ConfirmIdentityForm
          title="Set up two-factor authentication"
          intro="First, confirm it is you."
          withCode={false}
          submit={["Continue", "Checking…"]}
          onConfirm={async ({ password }) =>
            open({ kind: "enrolling", enrolment: await beginTotp.mutateAsync({ password }) })
          }
          onCancel={() => close(() => setStage({ kind: "status" }), "setUp")}
        />
      );
      break;
    case "enrolling":
      body = (
        <TotpEnrolment
          enrolment={stage.enrolment}
          onEnabled={(codes) => {
            void refresh();
            setStage({
              kind: "codes",
              codes,
              intro: "Two-factor authentication is on. Your other sessions have been logged out.",
              done: "Two-factor authentication is on.",
            });
          }}
          onCancel={() => close(() => setStage({ kind: "status" }), "setUp")}
        />
      );
      break;
    case "codes":
      body = (
        <RecoveryCodes
          codes={stage.codes}
          username={username}
          intro={stage.intro}
          onSaved={() => finishCodes(stage.done)}
        />
      );
      break;
    case "regenerating":
      body = (
        <ConfirmIdentityForm
          title="New recovery codes"
          intro="Your current recovery codes stop working. Confirm with your password and a code from your app (or a recovery code)."
          withCode
          submit={["Make new codes", "Making…"]}
          onConfirm={async (proof) => {
            const { recoveryCodes } = await regenerate.mutateAsync(proof);
            void refresh();
            setStage({
              kind: "codes",
              codes: recoveryCodes,
              intro: "Your old recovery codes no longer work.",
              done: "New recovery codes saved.",
            });
          }}
          onCancel={() => close(() => setStage({ kind: "status" }), "regenerate")}
        />
      );
      break;
    case "disabling":
      body = (
        <ConfirmIdentityForm
          title="Turn off two-factor authentication"
          intro="Your password alone will then log you in, and your recovery codes stop working. Confirm with your password and a code from your app (or a recovery code)."
          withCode
          danger
          submit={["Turn off", "Turning off…"]}
          onConfirm={async (proof) => {
            await disable.mutateAsync(proof);
            await refresh();
            setStage({ kind: "status" });
            setDone("Two-factor authentication is off. Your other sessions have been logged out.");
          }}
          onCancel={() => close(() => setStage({ kind: "status" }), "disable")}
        />
      );
      break;
    case "status":
      body = status.totpEnabled ? (
        <div className="form-actions">
          <button
            ref={refFor("regenerate")}
            type="button"
            className="secondary"
            onClick={() => open({ kind: "regenerating" })}
          >
            New recovery codes
          </button>
          <button
            ref={refFor("disable")}
            type="button"
            className="danger-outline"
            onClick={() => open({ kind: "disabling" })}
          >
            Turn off
          </button>
          <FormMessage success={done} />
        </div>
      ) : (
        <div className="form-actions">
          <button ref={refFor("setUp")} type="button" onClick={() => open({ kind: "beginning" })}>
            Set up
          </button>
          <FormMessage success={done} />
        </div>
      );
  }

  const left = status.recoveryCodesLeft;
  return (
    <section className="card" id={MFA_SECTION_ID} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Two-factor authentication</h2>
      {required && !status.totpEnabled && (
        <p className="notice warning" role="status">
          Your administrator requires two-factor authentication. Set it up, or add a passkey below, to go on using
          Gatehouse.
        </p>
      )}
      {status.totpEnabled ? (
        <dl className="details">
          <dt>Status</dt>
          <dd>
            <span className="badge ok">On</span>
            {status.enabledAt && (
              <>
                {" "}
                since <time dateTime={status.enabledAt}>{formatWhen(status.enabledAt)}</time>
              </>
            )}
          </dd>
          <dt>Recovery codes left</dt>
          <dd>{left}</dd>
        </dl>
      ) : (
        <p>
          <span className="badge off">Off</span> With two-factor authentication, logging in takes a code from an
          authenticator app on your phone as well as your password, so a stolen password alone is not enough.
        </p>
      )}
      {status.totpEnabled && left <= FEW_RECOVERY_CODES && stage.kind === "status" && (
        <p className={left === 0 ? "error" : "notice warning"} role="status">
          {left === 0
            ? "You have no recovery codes left. Make new ones, or losing your app locks you out."
            : `Only ${left} recovery code${left === 1 ? "" : "s"} left. Make new ones before you run out.`}
        </p>
      )}
      {body}
    </section>
  );
}
