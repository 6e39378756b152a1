// The CPI Demo's priority list (Regione Puglia, Mobilità in deroga): twenty workers whose codici
// fiscali are real in form (check character, birth date, Belfiore code of the town), none a real person's.
export const demoPriorityListCsv = `codice_fiscale;nome;cognome;data_nascita;provincia;beneficio
RSSMRA68C14L049D;Mario;Rossi;14/03/1968;TA;Mobilità in deroga
DSNNNA72S42L049Z;Anna;De Santis;02/11/1972;TA;Mobilità in deroga
LMBGPP65L21L049Z;Giuseppe;Lombardi;21/07/1965;TA;
CPTMRA75A70A662H;Maria;Caputo;30/01/1975;BA;NASpI
GRCNTN70E09A662U;Antonio;Greco;09/05/1970;BA;
MRNRSO69P57E506X;Rosa;Marino;17/09/1969;LE;Mobilità in deroga
PLMFNC63T05E506G;Francesco;Palmieri;05/12/1963;LE;
SNTLCU78D62B180Y;Lucia;Santoro;22/04/1978;BR;NASpI
LNGVTI66M11B180V;Vito;Longo;11/08/1966;BR;Mobilità in deroga
FRRNGL71B67D643R;Angela;Ferrara;27/02/1971;FG;
CLCNCL64R03D643J;Nicola;Colucci;03/10/1964;FG;Mobilità in deroga
LNETRS73H55A669M;Teresa;Leone;15/06/1973;BT;
GNTDNC67C08A669Z;Domenico;Gentile;08/03/1967;BT;NASpI
FRICML76T59L049Y;Carmela;Fiore;19/12/1976;TA;Mobilità in deroga
PGLCSM62P25L049H;Cosimo;Pugliese;25/09/1962;TA;
CRBGNN74L47A662D;Giovanna;Carbone;07/07/1974;BA;Mobilità in deroga
RSSPQL69A12E506D;Pasquale;Russo;12/01/1969;LE;
MNTDLR70M69E506H;Addolorata;Monti;29/08/1970;LE;NASpI
VTLRFL65D04B180Q;Raffaele;Vitale;04/04/1965;BR;Mobilità in deroga
SPSMCL77R56L049A;Immacolata;Esposito;16/10/1977;TA;
`;
