import { useLoaded } from '../../../hooks/use-loaded';
import { listPolicies } from '../api/list-policies';

/** The escalation policies, reloaded after an edit. */
export const usePolicies = () => useLoaded((signal) => listPolicies(signal), 'policies');
