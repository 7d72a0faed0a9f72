/**
 * @module The backup codes of a user, as shown the one time they exist in clear: after the first
 * second factor, or after asking for new ones.
 */

/**
 * The codes, in a list easy to copy or print, with what to do with them.
 */
export function BackupCodes({ codes }: { codes: readonly string[] }) {
  return (
    <section class="card" aria-labelledby="backup-codes-heading">
      <h2 id="backup-codes-heading">Your backup codes</h2>
      <p>
        Keep them somewhere safe. Each one signs you in once if you lose your second factor. They are shown
        only now.
      </p>
      <ul id="backup-codes" class="backup-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
