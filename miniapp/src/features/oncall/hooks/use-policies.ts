import { listPolicies } from '../api/list-policies';
import { useLoaded } from './use-loaded';

/** The escalation policies, reloaded after an edit. */
export const usePolicies = () => useLoaded((signal) => listPolicies(signal), 'policies');
