import { useLoaded } from '../../../hooks/use-loaded';
import { listAllCategories } from '../api/categories';

/** The whole tree, inactive nodes included; `reload` after every change (the server orders and checks it). */
export const useAllCategories = () => useLoaded((signal) => listAllCategories(signal), 'all-categories');
