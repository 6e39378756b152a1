import { RouterLink } from 'vue-router';
import { useI18n } from 'vue-i18n';
import { followUpLink, ownerOf, type ListedFollowUp } from './useFollowUps';

/** How a listed follow-up of any owner kind links and names its owner: only cases open a page today. */
export function useFollowUpLinks() {
  const { t, te } = useI18n();
  const linkTag = (i: ListedFollowUp) => (followUpLink(i) ? RouterLink : 'span');
  const linkProps = (i: ListedFollowUp) => {
    const to = followUpLink(i);
    return to ? { to } : {};
  };
  const ownerLabel = (i: ListedFollowUp) => {
    const type = ownerOf(i)?.type;
    return type && te(`followUps.owner.${type}`) ? t(`followUps.owner.${type}`) : '';
  };
  return { linkTag, linkProps, ownerLabel };
}
