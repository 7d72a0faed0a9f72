/**
 * @module Form parts of the hosted pages, accessible by construction: every input has a label, a
 * field's error sits next to it and is tied to it (`aria-describedby`, `aria-invalid`), and a
 * form's error or success notice is announced (`role="alert"` / `role="status"`).
 */
import { MIN_PASSWORD_LENGTH } from '../passwords/password-policy.js';

/** Errors of a form, by field name; `form` holds an error about the whole form. */
export type FieldErrors = Readonly<Partial<Record<string, string>>>;

/** What {@link Field} draws. */
export interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'search' | 'tel' | 'datetime-local';
  value?: string | undefined;
  /** The browser's autofill hint: `email`, `current-password`, `new-password`, `one-time-code`... */
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  errors?: FieldErrors | undefined;
  inputmode?: 'numeric' | 'text' | 'email';
  autofocus?: boolean;
  /** Extra input attributes (`minlength`, `maxlength`, `pattern`). */
  minlength?: number;
  maxlength?: number;
  pattern?: string;
}

/**
 * A labelled input with its hint and its error.
 */
export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  const described = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        autofocus={props.autofocus}
        minlength={props.minlength}
        maxlength={props.maxlength}
        pattern={props.pattern}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The error of the input `id`, which the input names in its `aria-describedby`. */
function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

/** What {@link SelectField} draws. */
export interface SelectFieldProps {
  name: string;
  label: string;
  /** The chosen option's value. */
  value: string;
  /** The options, as `[value, text]`. */
  options: readonly (readonly [string, string])[];
  errors?: FieldErrors | undefined;
}

/**
 * A labelled drop-down with its error.
 */
export function SelectField(props: SelectFieldProps) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.value}>
            {text}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * A field for a new password, with the password rule as its hint (sign-up, reset, change).
 */
export function NewPasswordField(props: { name?: string; label: string; errors?: FieldErrors | undefined }) {
  return (
    <Field
      name={props.name ?? 'password'}
      label={props.label}
      type="password"
      autocomplete="new-password"
      required
      minlength={MIN_PASSWORD_LENGTH}
      hint={`At least ${MIN_PASSWORD_LENGTH} characters; not a common password.`}
      errors={props.errors}
    />
  );
}

/**
 * The notice above a form: an error (announced at once) or a success message.
 */
export function Notice(props: { kind: 'error' | 'success' | 'info'; message?: string | undefined }) {
  if (!props.message) return null;
  return (
    <div class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.message}
    </div>
  );
}

/**
 * The form-level error of {@link FieldErrors} (`errors.form`), announced.
 */
export function FormError(props: { errors?: FieldErrors | undefined }) {
  return <Notice kind="error" message={props.errors?.form} />;
}
