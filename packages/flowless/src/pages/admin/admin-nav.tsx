/**
 * @module The admin dashboard's own navigation, marking the current section (`aria-current`).
 */

/** The sections of the admin dashboard. */
export type AdminSection = 'overview' | 'users' | 'audit' | 'settings';

const SECTIONS: readonly { id: AdminSection; href: string; label: string }[] = [
  { id: 'overview', href: '/admin', label: 'Overview' },
  { id: 'users', href: '/admin/users', label: 'Users' },
  { id: 'audit', href: '/admin/audit', label: 'Audit log' },
  { id: 'settings', href: '/admin/settings', label: 'Settings' },
];

/**
 * The admin navigation.
 */
export function AdminNav({ current }: { current: AdminSection }) {
  return (
    <nav class="admin-nav" aria-label="Admin">
      {SECTIONS.map((section) => (
        <a href={section.href} aria-current={section.id === current ? 'page' : undefined}>
          {section.label}
        </a>
      ))}
    </nav>
  );
}
