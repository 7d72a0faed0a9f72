/**
 * @module `/account`: the profile (names, username, phone), the profile picture and the password,
 * each form posting to its own route and coming back here (303 with a notice, or the page again
 * with the errors next to their fields).
 */
import type { Context } from 'hono';
import type { FlowlessEnv } from '../../http/flowless-env.js';
import { renderFailurePage } from '../error-page.js';
import type { PageRouter } from '../page-router.js';
import { AccountFrame, accountGuards, doneNotice, viewerOf } from './account-kit.js';
import { pageRateLimit } from './page-rate-limit.js';
import { changePassword, PasswordSection } from './password-section.js';
import { PictureSection, removePicture, uploadPicture } from './picture-section.js';
import { ProfileSection, saveProfile } from './profile-section.js';
import type { SectionOutcome } from './section-outcome.js';

const NOTICES = {
  profile: 'Profile saved.',
  picture: 'Picture uploaded.',
  'picture-removed': 'Picture removed.',
  password: 'Password changed. Your other sessions were ended.',
};

type HomeForm = 'profile' | 'picture' | 'password';

/** The page, with the refusal of one of its forms when there is one. */
function renderHome(pages: PageRouter, c: Context<FlowlessEnv>, form?: HomeForm, outcome?: SectionOutcome) {
  const failure = outcome && !outcome.ok ? outcome : undefined;
  const errorsOf = (name: HomeForm) => (form === name ? failure?.failure.errors : undefined);
  const user = viewerOf(c).user;
  return pages.render(
    c,
    { title: 'Your account', status: failure?.failure.status ?? 200 },
    <AccountFrame title="Your account" current="/account" notice={doneNotice(c, NOTICES)}>
      <ProfileSection
        user={user}
        {...(form === 'profile' && failure?.values ? { values: failure.values } : {})}
        {...(errorsOf('profile') ? { errors: errorsOf('profile') } : {})}
      />
      <PictureSection
        user={user}
        maxBytes={pages.services.config.PICTURE_MAX_BYTES}
        {...(errorsOf('picture') ? { errors: errorsOf('picture') } : {})}
      />
      <PasswordSection {...(errorsOf('password') ? { errors: errorsOf('password') } : {})} />
    </AccountFrame>,
  );
}

/**
 * Registers `/account` and its forms.
 */
export function registerAccountHome(pages: PageRouter): void {
  const { services } = pages;
  const guards = accountGuards();
  const limited = pageRateLimit(pages, 'default');
  const action =
    (form: HomeForm, run: (c: Context<FlowlessEnv>) => Promise<SectionOutcome>) =>
    async (c: Context<FlowlessEnv>) => {
      let outcome: SectionOutcome;
      try {
        outcome = await run(c);
      } catch (error) {
        // A refusal no field can show (the account gone mid-session): a page, not a JSON body.
        return renderFailurePage(pages, c, error);
      }
      if (outcome.ok) return c.redirect(`/account?done=${outcome.done}`, 303);
      return renderHome(pages, c, form, outcome);
    };

  pages.get('/account', ...guards, (c) => renderHome(pages, c));
  pages.post(
    '/account/profile',
    ...guards,
    limited,
    action('profile', (c) => saveProfile(services, c)),
  );
  pages.post(
    '/account/picture',
    ...guards,
    limited,
    action('picture', (c) => uploadPicture(services, c)),
  );
  pages.post(
    '/account/picture/remove',
    ...guards,
    limited,
    action('picture', (c) => removePicture(services, c)),
  );
  pages.post(
    '/account/password',
    ...guards,
    limited,
    action('password', (c) => changePassword(services, c)),
  );
}
