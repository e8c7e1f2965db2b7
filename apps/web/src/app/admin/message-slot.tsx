import { FormMessage } from "../../components/form-message";
import styles from "./message-slot.module.css";

/** FormMessage's compact kind in a space reserved for it: showing or clearing a message shifts nothing. */
export function MessageSlot({ error, success }: { error?: string | null; success?: string | null }) {
  return (
    <div className={styles.slot}>
      <FormMessage compact error={error} success={success} />
    </div>
  );
}
