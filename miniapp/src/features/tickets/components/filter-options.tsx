import { CheckList } from 'antd-mobile';
import { useI18n } from '../../../lib/i18n';
import styles from './queue-filters.module.css';

const anyKey = '';

type FilterOptionsProps<V extends string> = {
  options: readonly V[];
  value: V | undefined;
  labelOf: (value: V) => string;
  onPick: (value: V | undefined) => void;
  testIdPrefix: string;
};

/** One filter's choices in a dropdown: 不限 first, then each value; a tap picks and closes. */
export function FilterOptions<V extends string>({ options, value, labelOf, onPick, testIdPrefix }: FilterOptionsProps<V>) {
  const { t } = useI18n();
  // Picks happen on tap; the list only shows the current choice (tapping it again keeps it).
  return (
    <div className={styles.options}>
      <CheckList value={[value ?? anyKey]}>
        <CheckList.Item value={anyKey} data-testid={`${testIdPrefix}-any`} onClick={() => onPick(undefined)}>
          {t('tickets.filter.any')}
        </CheckList.Item>
        {options.map((option) => (
          <CheckList.Item key={option} value={option} data-testid={`${testIdPrefix}-${option}`} onClick={() => onPick(option)}>
            {labelOf(option)}
          </CheckList.Item>
        ))}
      </CheckList>
    </div>
  );
}
