import type { CatalogueShape } from '../shape';
// Texts of CPI operators' accreditation (source shape; the CPI works in Italian first, see it.ts).
const accreditationEs = {
  accreditation: {
    nav: 'Acreditación',
    navRequests: 'Acreditaciones',
    title: 'Acreditación de operador CPI',
    intro: 'Para trabajar en las páginas del CPI (listas, citas, balances de competencias) el Centro de servicios debe aprobar tu acreditación.',
    status: {
      draft: 'Borrador',
      pending: 'Pendiente',
      approved: 'Aprobada',
      rejected: 'Rechazada',
    },
    current: 'Tu solicitud',
    approvedText: 'Estás acreditado para {cpi} desde el {date}.',
    pendingText: 'Solicitud enviada el {date}: el Centro de servicios la revisará.',
    draftText: 'Borrador aún no enviado: puedes completarlo aquí abajo y enviarlo al Centro de servicios cuando esté listo.',
    rejectedText: 'Tu solicitud fue rechazada el {date}. Motivo: {reason}',
    rejectedAgain: 'Puedes enviar una nueva solicitud con los datos corregidos.',
    notRequired: 'Tu rol no necesita acreditación.',
    form: {
      title: 'Solicitar la acreditación',
      cpiId: 'CPI (oficina)',
      cpiIdPlaceholder: 'Código o nombre del CPI, p. ej. CPI Bari',
      province: 'Provincia',
      role: 'Rol o cualificación',
      phone: 'Teléfono de la oficina',
      note: 'Nota para el Centro de servicios',
      submit: 'Enviar la solicitud',
      sent: 'Solicitud enviada al Centro de servicios.',
      saveDraft: 'Guardar como borrador',
      draftSaved: 'Borrador guardado: aún no se ha enviado.',
    },
    banner: {
      title: 'Necesitas una acreditación aprobada',
      text: 'Las páginas del CPI están disponibles cuando el Centro de servicios aprueba tu acreditación.',
      pending: 'Tu solicitud está pendiente de revisión por el Centro de servicios.',
      link: 'Ir a la acreditación',
    },
    requests: {
      title: 'Solicitudes de acreditación',
      intro: 'Operadores del CPI que piden trabajar en sus páginas. Aprueba o rechaza indicando el motivo: el operador recibe el aviso y un correo.',
      anyStatus: 'Cualquier estado',
      empty: 'No hay solicitudes.',
      operator: 'Operador',
      cpi: 'CPI',
      province: 'Provincia',
      role: 'Rol',
      submittedAt: 'Enviada',
      statusCol: 'Estado',
      actions: 'Acciones',
      approve: 'Aprobar',
      reject: 'Rechazar',
      approved: 'Acreditación de {name} aprobada.',
      rejected: 'Acreditación de {name} rechazada.',
      rejectTitle: 'Rechazar la solicitud de {name}',
      reason: 'Motivo (lo leerá el operador)',
      reminded: 'Recordada',
    },
  },
};

export default accreditationEs;

export type AccreditationMessages = CatalogueShape<typeof accreditationEs>;
