"use client";
import type { RouterOutputs } from "@gatehouse/api";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { CopyButton } from "../../components/copy-button";
import { Field } from "../../components/field";
import { FormMessage } from "../../components/form-message";
import { type ApiFailure, codeFieldError, describeApiError } from "../../lib/api-error";
import { useClearOnNextAction } from "../../lib/clear-on-next-action";
import { onEscape } from "../../lib/focus-return";
import { textField } from "../../lib/form-fields";
import { useTRPC } from "../../lib/trpc";
import styles from "./two-factor.module.css";

type Enrolment = RouterOutputs["account"]["mfa"]["beginTotp"];

/** A base32 key in groups of four, as authenticator apps show and accept it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * The set-up begun (`account.mfa.beginTotp`): the key as a QR code and as text, then the
 * first code from the app, which turns two-factor authentication on (`confirmTotp`) and
 * brings the recovery codes. The QR code is the API's SVG as an image (a data: URL, which the
 * pages' CSP allows for images): an image cannot run or style anything in the page.
 */
export function TotpEnrolment({
  enrolment,
  onEnabled,
  onCancel,
}: {
  enrolment: Enrolment;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const confirm = useMutation(trpc.account.mfa.confirmTotp.mutationOptions());
  useClearOnNextAction(failure !== null, () => setFailure(null), formRef);
  // The password form that opened this is gone: the focus starts at the first step.
  useEffect(() => heading.current?.focus(), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    try {
      const { recoveryCodes } = await confirm.mutateAsync({
        code: textField(new FormData(event.currentTarget), "code"),
      });
      onEnabled(recoveryCodes);
    } catch (error) {
      setFailure(describeApiError(error));
    }
  }

  const codeError = codeFieldError(failure, "code");

  return (
    <div className={styles.enrolment} onKeyDown={onEscape(onCancel)}>
      <div className={styles.step}>
        <h3 id={`${id}-scan`} ref={heading} tabIndex={-1}>
          1. Add Gatehouse to your authenticator app
        </h3>
        <p>Scan this QR code with an authenticator app on your phone.</p>
        {/* The API's SVG as an image, not markup: nothing in it can run or restyle the page. */}
        <img
          className={styles.qr}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
          alt="QR code of your two-factor key"
          width={176}
          height={176}
        />
        <p className="muted">
          Cannot scan it? Enter this key in the app instead (time-based, 6 digits), or{" "}
          <a href={enrolment.uri}>open it in an authenticator app on this device</a>.
        </p>
        <p className={styles.secretLine}>
          <code className={styles.secret}>{grouped(enrolment.secret)}</code>
          <CopyButton text={enrolment.secret} label="Copy key" />
        </p>
      </div>
      <form ref={formRef} className={styles.step} onSubmit={onSubmit} noValidate aria-labelledby={`${id}-confirm`}>
        <h3 id={`${id}-confirm`}>2. Enter the code the app shows</h3>
        <Field
          id={`${id}-code`}
          name="code"
          label="Authentication code"
          autoComplete="one-time-code"
          inputMode="numeric"
          hint="6 digits. A new one comes every 30 seconds."
          error={codeError}
        />
        <div className="form-actions">
          <button type="submit" disabled={confirm.isPending}>
            {confirm.isPending ? "Turning on…" : "Turn on"}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
          <FormMessage error={failure && !codeError ? failure.message : null} />
        </div>
      </form>
    </div>
  );
}
