/**
 * @module The profile picture on the account page: shown, replaced by an upload
 * (`multipart/form-data`, field `picture`) or removed, through the same picture actions as
 * `POST` and `DELETE /auth/upload/picture` (a JPEG, PNG or WebP recognised by its bytes, within
 * the size and pixel limits).
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { pictureActions } from '../../routes/pictures/picture-routes.js';
import type { FlowlessServices } from '../../services/flowless-services.js';
import type { UserRecord } from '../../users/user-record.js';
import { type FieldErrors, FormError } from '../form-fields.js';
import { type ErrorPlacement, failureOf } from './account-kit.js';
import { refused, type SectionOutcome } from './section-outcome.js';

const PLACEMENT: ErrorPlacement = {
  ERR_FLOWLESS_PICTURE_MISSING: { field: 'picture', message: 'Choose a picture to upload' },
  ERR_FLOWLESS_PICTURE_TOO_LARGE: { field: 'picture' },
  ERR_FLOWLESS_PICTURE_UNSUPPORTED: { field: 'picture' },
  ERR_FLOWLESS_PICTURE_TRUNCATED: { field: 'picture' },
  ERR_FLOWLESS_PICTURE_TOO_MANY_PIXELS: { field: 'picture' },
};

/**
 * The picture, its upload form and, when there is one, its remove button.
 */
export function PictureSection(props: { user: UserRecord; maxBytes: number; errors?: FieldErrors }) {
  const { user, errors } = props;
  const error = errors?.picture;
  const megabytes = Math.round((props.maxBytes / (1024 * 1024)) * 10) / 10;
  return (
    <section class="card" aria-labelledby="picture-heading">
      <h2 id="picture-heading">Profile picture</h2>
      {user.picture ? (
        <img class="avatar" src={user.picture} alt="Your current avatar" width={96} height={96} />
      ) : (
        <p class="muted">No picture yet.</p>
      )}
      <form id="picture-form" method="post" action="/account/picture" enctype="multipart/form-data">
        <FormError errors={errors} />
        <div class="field">
          <label for="field-picture">New picture</label>
          <span class="hint" id="field-picture-hint">
            {`JPEG, PNG or WebP, up to ${megabytes} MB`}
          </span>
          <input
            id="field-picture"
            name="picture"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'field-picture-hint field-picture-error' : 'field-picture-hint'}
          />
          {error ? (
            <p class="field-error" id="field-picture-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit">Upload picture</button>
      </form>
      {user.picture ? (
        <form id="picture-remove-form" method="post" action="/account/picture/remove">
          <button type="submit" class="secondary" data-confirm="Remove your profile picture?">
            Remove picture
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Stores the uploaded picture. */
export async function uploadPicture(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
): Promise<SectionOutcome> {
  try {
    await pictureActions(services).upload(c);
  } catch (error) {
    return refused(failureOf(error, PLACEMENT));
  }
  return { ok: true, done: 'picture' };
}

/** Removes the picture. */
export async function removePicture(
  services: FlowlessServices,
  c: Context<FlowlessEnv>,
): Promise<SectionOutcome> {
  await pictureActions(services).remove(c);
  return { ok: true, done: 'picture-removed' };
}
