import { useTranslations } from '#i18n';
import { NETWORK_COLORS, type Network } from '@/lib/networks';

// Colour plus a letter mark and the name: never colour alone.
export const NETWORK_MARKS: Record<Network, string> = {
  vk: 'VK',
  ok: 'OK',
  telegram: 'TG',
  max: 'MX',
  youtube: 'YT',
  rutube: 'RT',
  website: 'W',
  dzen: 'DZ',
};

export function NetworkMark({ network }: { network: Network }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-flex',
        minWidth: 22,
        height: 16,
        padding: '0 3px',
        borderRadius: 3,
        background: NETWORK_COLORS[network],
        color: network === 'vk' || network === 'dzen' || network === 'max' ? '#fff' : '#000',
        fontSize: 10,
        fontWeight: 700,
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      {NETWORK_MARKS[network]}
    </span>
  );
}

export function NetworkTag({ network, hideName = false }: { network: Network; hideName?: boolean }) {
  const t = useTranslations('networks');
  return (
    <span className="net-tag" title={hideName ? t(network) : undefined}>
      <NetworkMark network={network} />
      {hideName ? <span className="visually-hidden">{t(network)}</span> : t(network)}
    </span>
  );
}
