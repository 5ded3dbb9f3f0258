import { useLoaded } from '../../../hooks/use-loaded';
import { listItPeople } from '../../../lib/api/users';

/** Active IT people (it_staff and it_admin): who an override may put on call. */
export const useItPeople = () => useLoaded((signal) => listItPeople({ signal, silent: true }), 'it-people');
