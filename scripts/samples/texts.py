"""Text of trustscreen's demo sample documents (all original, written for the demo).

Each document is a list of blocks, rendered to PDF and/or DOCX by scripts/make-samples:
  ("notice", text)                 small print at the top (marks the document as a fictional specimen)
  ("title", text)                  bold, large, centred
  ("center", text)                 centred body text
  ("heading", text)                bold clause/section heading
  ("subheading", text)             bold, smaller gap before
  ("para", label, text, level)     paragraph; label ("9.1", "(a)", None) hangs to the left of the text;
                                   level 0 = clause level, 1 = sub-clause level
  ("table", rows, col_widths)      grid table, first row is a bold header row; widths in points
  ("keep", [blocks])               in the PDF, never split these blocks across a page break
  ("gap", points)                  vertical space
  ("pagebreak",)                   PDF only: start a new page

Planted terms (what the demo must find) are spelled exactly as the rule authors expect. Avoid adding
other research-security vocabulary here (see samples/README.md): the expected-findings table must
stay complete and exact. Check with `scripts/make-samples --check` after any edit.
"""

SPECIMEN = ("Specimen written for the trustscreen demo. The University of Wessex and every named person "
            "are fictional; reference numbers are invented.")
SPECIMEN_GRANT = ("Specimen written for the trustscreen demo. The University of Wessex, Casterbridge Fibre "
                  "Networks Ltd and every named person are fictional; reference numbers are invented. "
                  "Not submitted to any funder.")

AGREEMENT_REF = "UW/RCA/2024/117"
PROJECT = "aerodynamic testing for hypersonic vehicles and unmanned aerial vehicle flight control"

HIT_ADDRESS = "No. 92 West Dazhi Street, Nangang District, Harbin 150001, Heilongjiang, China"
UW_ADDRESS = "Old Quay Building, Casterbridge Road, Casterbridge WX1 4QA, United Kingdom"


def P(label, text, level=0):
    return ("para", label, text, level)


AGREEMENT = [
    ("notice", SPECIMEN),
    ("title", "RESEARCH COLLABORATION AGREEMENT"),
    ("center", "Agreement reference " + AGREEMENT_REF),
    ("center", 'Project: "' + PROJECT[0].upper() + PROJECT[1:] + '"'),
    ("gap", 6),
    P(None, "THIS AGREEMENT is dated 15 March 2024 and is made between:"),
    P("(1)", "the University of Wessex, a chartered higher education institution whose administrative "
             "office is at " + UW_ADDRESS + ' (the "University"); and'),
    P("(2)", "Harbin Institute of Technology, a university established in the People's Republic of "
             "China whose principal office is at " + HIT_ADDRESS + ' (the "Collaborator"),'),
    P(None, 'each a "Party" and together the "Parties".'),
    ("heading", "BACKGROUND"),
    P("(A)", "The University's School of Engineering operates a high-speed wind tunnel and has long "
             "experience of aerodynamic measurement, flow visualisation and flight dynamics."),
    P("(B)", "The Collaborator has expertise in computational fluid dynamics and in the design and "
             "simulation of flight control laws, and has approached the University with a proposal "
             "for joint work."),
    P("(C)", "The Parties wish to carry out a joint programme of aerodynamic testing for hypersonic "
             "vehicles and of research on unmanned aerial vehicle flight control, and to share the "
             "costs, the work and the results of that programme on the terms of this Agreement."),
    P("(D)", "The University's contribution is funded in part by the Wessex Research Partnership "
             "Fund, an internal fund of the University, and is subject to the University's policies "
             "on research integrity and on overseas collaboration."),
    P(None, "IT IS AGREED as follows:"),

    ("heading", "1. Definitions and Interpretation"),
    P("1.1", "In this Agreement the following words have the following meanings:"),
    P(None, '"Agreement" means this agreement, including the table of contact details in clause 13;', 1),
    P(None, '"Background" means information, know-how, software, data and materials, in any form, '
            "that a Party owns or controls before the Commencement Date or develops outside the "
            "Project, and that it chooses to contribute to the Project;", 1),
    P(None, '"Commencement Date" means 1 April 2024;', 1),
    P(None, '"Confidential Information" means any information disclosed by one Party to the other '
            "for the purposes of the Project that is marked as confidential or that a reasonable "
            "person would understand to be confidential;", 1),
    P(None, '"Intellectual Property" means patents, rights in inventions, copyright, database '
            "rights, design rights, rights in confidential information and all similar rights in any "
            "part of the world, whether or not registered;", 1),
    P(None, '"Principal Investigator" means, for each Party, the person named as its project lead '
            "in the table in clause 13, or any replacement notified under clause 3.4;", 1),
    P(None, '"Project" means the programme of research described in clause 2; and', 1),
    P(None, '"Results" means all data, findings, software, designs and other materials generated '
            "by or for either Party in carrying out the Project, and all Intellectual Property in "
            "them.", 1),
    P("1.2", "Clause headings are for convenience only. Words in the singular include the plural and "
             'the other way round. "Including" means including without limitation.'),

    ("heading", "2. Scope of the Project"),
    P("2.1", "The Project consists of three work packages:"),
    P("(a)", "Work Package 1 (University): measurement of surface pressure and heat transfer on "
             "stainless steel scale models of hypersonic vehicles in the University's high-speed wind "
             "tunnel, with schlieren imaging of the flow;", 1),
    P("(b)", "Work Package 2 (Collaborator): comparison of the Work Package 1 measurements with "
             "computational fluid dynamics predictions prepared by the Collaborator, and a joint "
             "report on the differences between them; and", 1),
    P("(c)", "Work Package 3 (both Parties): design and desktop simulation of flight control laws "
             "for a small fixed-wing unmanned aerial vehicle, followed by flight tests of the "
             "University's own airframe at a licensed flying site in the United Kingdom.", 1),
    P("2.2", "Each Party shall carry out the tasks allocated to it with reasonable skill and care, "
             "in accordance with good scientific practice and with the project plan agreed by the "
             "Principal Investigators from time to time."),
    P("2.3", "The Project shall run for thirty (30) months from the Commencement Date unless ended "
             "earlier under clause 11."),
    P("2.4", "Neither Party promises that the Project will achieve any particular result. Each "
             "Party shall tell the other promptly of any matter that is likely to delay the Project "
             "or change its scope."),

    ("heading", "3. Project Management"),
    P("3.1", "The Principal Investigators shall manage the Project day to day and shall meet, in "
             "person or by video conference, at least once every three months."),
    P("3.2", "A steering group of two representatives of each Party shall review progress every six "
             "months, approve changes to the project plan and settle any question that the "
             "Principal Investigators cannot agree."),
    P("3.3", "Researchers of one Party who visit the premises of the other shall follow the host's "
             "rules on health and safety, site access, information technology and conduct, and "
             "shall be supervised by a named member of the host's staff."),
    P("3.4", "Either Party may replace its Principal Investigator by written notice to the other, "
             "after consulting the other Party in good faith."),

    ("heading", "4. Financial Contributions"),
    P("4.1", "The University shall bear its own costs of the Project, expected to be about "
             "\u00a3186,400, from the Wessex Research Partnership Fund and its own resources."),
    P("4.2", "The Collaborator shall bear its own costs and shall pay the University a contribution "
             "of \u00a342,000 towards the running costs of the wind tunnel, in three equal instalments "
             "invoiced on the Commencement Date and twelve and twenty-four months after it. Invoices "
             "are payable within thirty (30) days of receipt."),
    P("4.3", "All sums are exclusive of value added tax, which shall be added where applicable."),

    ("heading", "5. Confidentiality"),
    P("5.1", "Each Party shall keep the other's Confidential Information confidential, shall use it "
             "only for the Project and shall disclose it only to its own staff and students who need "
             "to know it for the Project and who are bound by duties of confidence."),
    P("5.2", "Clause 5.1 does not apply to information that:"),
    P("(a)", "is or becomes generally known to the public other than through a breach of this "
             "Agreement;", 1),
    P("(b)", "the receiving Party already held, free of any duty of confidence, before it was "
             "disclosed;", 1),
    P("(c)", "the receiving Party develops independently, without use of the Confidential "
             "Information; or", 1),
    P("(d)", "must be disclosed by law or by order of a court, provided that the receiving Party "
             "gives the other as much notice as the law allows.", 1),
    P("5.3", "The duties in this clause 5 continue for five (5) years after this Agreement ends."),

    ("heading", "6. Publication"),
    P("6.1", "The Parties intend the Results to be shared with the academic community. Either Party "
             "may present or publish Results in the usual academic way, provided that it sends the "
             "other Party a copy of the proposed paper or presentation at least thirty (30) days "
             "beforehand."),
    P("6.2", "Within that period the other Party may ask for its Confidential Information to be "
             "removed, or for a delay of up to sixty (60) days so that a patent application can be "
             "filed. No other change may be required."),
    P("6.3", "Nothing in this Agreement prevents a student from submitting a thesis for examination "
             "or depositing it in a university library."),
    P("6.4", "Each publication arising from the Project shall acknowledge the contribution of both "
             "Parties and the support of the Wessex Research Partnership Fund."),

    ("heading", "7. Intellectual Property"),
    P("7.1", "Each Party keeps its Background. Each Party grants the other a non-exclusive, "
             "royalty-free licence to use its Background for the Project only, for the Project's "
             "duration."),
    P("7.2", "Results belong to the Party that generates them. Results generated jointly, in shares "
             "that cannot be separated, belong to the Parties jointly in equal shares."),
    P("7.3", "Each Party may use all Results free of charge for its own research and teaching."),
    P("7.4", "If either Party wishes to make commercial use of Results in which the other Party has "
             "an interest, the Parties shall first negotiate in good faith a separate agreement on "
             "fair and reasonable terms."),
    P("7.5", "Neither Party shall apply to register any Intellectual Property in jointly owned Results "
             "without the written consent of the other, which shall not be unreasonably withheld."),

    ("heading", "8. Data Management"),
    P("8.1", "Wind tunnel measurements and simulation outputs shall be held on the University's "
             "research data store and shared with the Collaborator through a password-protected "
             "file transfer service operated by the University."),
    P("8.2", "The Parties do not expect to process personal data in the Project beyond the names and "
             "contact details of staff. Each Party shall handle such data in line with the data "
             "protection law that applies to it."),
    P("8.3", "Each Party shall keep the Results it holds for at least ten (10) years after the "
             "Project ends, in line with its own research data policy, and shall take appropriate "
             "technical and organisational measures to protect them against loss, corruption and "
             "access by people who are not entitled to see them."),

    ("keep", [
        ("heading", "9. Export Control"),
        P("9.1", "Each Party shall comply with all applicable export control laws and regulations in "
                 "carrying out this Agreement, including those of the United Kingdom and, where they "
                 "apply to any item, software or technology used in the Project, those of the United "
                 "States."),
        P("9.2", "Without limiting clause 9.1, the Parties acknowledge that:"),
        P("(a)", "the airframes, flight control hardware and design information used in Work Package "
                 "3 may fall within ECCN 9A012 on the United States Commerce Control List or within "
                 "UK Military List entry ML10, and the University shall not send any of them to the "
                 "Collaborator until it has confirmed in writing that any licence needed has been "
                 "granted; and", 1),
        P("(b)", "the data acquisition software used in Work Package 1 carries the classification "
                 "EAR99 from its supplier, but sharing information about that software or about the "
                 "University's test methods with a visiting researcher, including by demonstration "
                 "or briefing in the University's laboratories, may amount to a deemed export, and "
                 "the University shall assess each such visit in advance.", 1),
        P("9.3", "The Collaborator confirms that it will not use any Results, Background or other "
                 "material received from the University for any military end use, and shall tell the "
                 "University at once if it becomes aware of any such use."),
        P("9.4", "The University may suspend any transfer under this Agreement, without liability, "
                 "while a licence application is pending or if it reasonably believes that the "
                 "transfer would breach clause 9.1."),
    ]),

    ("heading", "10. Liability"),
    P("10.1", "Neither Party is liable to the other for any loss of profit, revenue or opportunity, or "
              "for any indirect or consequential loss, arising under or in connection with this "
              "Agreement."),
    P("10.2", "Each Party's total liability under this Agreement is limited to the amount of the "
              "contribution in clause 4.2."),
    P("10.3", "Nothing in this Agreement limits liability for death or personal injury caused by "
              "negligence, or for fraud."),

    ("heading", "11. Term and Termination"),
    P("11.1", "This Agreement starts on the Commencement Date and ends when the Project ends, unless "
              "ended earlier under this clause 11."),
    P("11.2", "Either Party may end this Agreement by giving ninety (90) days' written notice to the "
              "other."),
    P("11.3", "Either Party may end this Agreement at once by written notice if the other commits a "
              "material breach and does not put it right within thirty (30) days of being asked to "
              "do so. The University may also end this Agreement at once if a licence it needs "
              "under clause 9 is refused or withdrawn."),
    P("11.4", "Clauses 5, 6, 7, 9 and 10 continue to apply after this Agreement ends."),

    ("heading", "12. General"),
    P("12.1", "Each Party shall comply with the anti-bribery laws that apply to it and shall not offer "
              "or accept any improper payment in connection with the Project."),
    P("12.2", "Nothing in this Agreement creates a partnership or agency between the Parties."),
    P("12.3", "This Agreement is the entire agreement between the Parties about the Project and "
              "replaces any earlier discussions. Any change must be in writing and signed by both "
              "Parties."),
    P("12.4", "This Agreement is governed by the law of England and Wales. The Parties shall first try "
              "to settle any dispute through their senior officers and then by mediation, before "
              "going to the courts of England and Wales."),

    ("keep", [
        ("heading", "13. Notices and Contact Details"),
        P("13.1", "Notices under this Agreement must be in writing and sent to the contacts below. "
                  "Email is enough for day-to-day matters, but a notice to end this Agreement must "
                  "also be sent by post or courier."),
        ("gap", 4),
        ("table", [
            ["", "University", "Collaborator"],
            ["Organisation", "University of Wessex", "Harbin Institute of Technology"],
            ["Department", "School of Engineering, Aerodynamics Group",
             "School of Energy Science and Engineering"],
            ["Project lead", "Professor Eleanor Marsh", "Professor Zhao Lin"],
            ["Address", UW_ADDRESS, HIT_ADDRESS],
            ["Email", "e.marsh@wessex.example", "zhao.lin@collaborator.example"],
            ["Contracts office", "Research Contracts Team, contracts@wessex.example",
             "Office of International Cooperation, intl.office@collaborator.example"],
        ], [92, 179, 180]),
    ]),

    ("keep", [
        ("heading", "Signatures"),
        P(None, "Signed by the authorised representatives of the Parties on the dates below."),
        ("gap", 6),
        P(None, "Signed for and on behalf of the University of Wessex"),
        P(None, "Signature: ..........................................", 1),
        P(None, "Name: Dr Helen Ashdown", 1),
        P(None, "Position: Director of Research and Innovation Services", 1),
        P(None, "Date: ..........................................", 1),
        ("gap", 6),
        P(None, "Signed for and on behalf of Harbin Institute of Technology"),
        P(None, "Signature: ..........................................", 1),
        P(None, "Name: Professor Qian Rui", 1),
        P(None, "Position: Vice-President for International Affairs", 1),
        P(None, "Date: ..........................................", 1),
    ]),
]


GRANT = [
    ("notice", SPECIMEN_GRANT),
    ("title", "RESEARCH GRANT PROPOSAL"),
    ("center", "Standard research grant, EPSRC format (specimen)"),
    ("center", "Title: Field-deployable quantum key distribution for metropolitan fibre networks"),
    ("center", "Acronym: KEYSTONE; internal reference UW/GP/2024/052"),
    ("gap", 8),
    ("table", [
        ["Item", "Details"],
        ["Lead organisation", "University of Wessex, Department of Physics"],
        ["Principal Investigator", "Dr Samuel Okafor"],
        ["Co-Investigators", "Dr Priya Nair (University of Wessex); Dr Tomasz Wilk (University of Wessex)"],
        ["Project partners", "Beihang University; Casterbridge Fibre Networks Ltd"],
        ["Duration and start", "36 months from 1 October 2024"],
        ["Amount requested", "\u00a3612,350 (80% of full economic cost)"],
    ], [130, 321]),

    ("heading", "1. Summary"),
    P(None, "Banks, hospitals and public bodies increasingly need to exchange keys between sites in "
            "the same city over optical fibre they already lease. Laboratory demonstrations of "
            "quantum key distribution are now mature, but systems that run for months on installed "
            "fibre, share that fibre with ordinary traffic and can be maintained by a network "
            "operator are still rare. KEYSTONE will build and operate a three-node metropolitan "
            "link across Casterbridge, characterise how its key rate depends on temperature, fibre "
            "stress and co-propagating traffic, and release the designs of the control software "
            "that keeps the link aligned without manual intervention."),
    P(None, "The project brings together the University of Wessex device and fibre group, the network "
            "engineering team of Casterbridge Fibre Networks Ltd, and a theory group at Beihang "
            "University that has worked on finite-key analysis of practical protocols."),

    ("heading", "2. Case for Support"),
    ("subheading", "2.1 Track record"),
    P(None, "The Wessex group has run optical test beds on the Casterbridge metropolitan network since "
            "2019 and has built low-noise receivers and polarisation-tracking controllers for them. "
            "Dr Okafor leads the University's fibre metrology laboratory; Dr Nair brings expertise "
            "in embedded control; Dr Wilk brings expertise in network protocols and their "
            "verification."),
    ("subheading", "2.2 The research challenge"),
    P(None, "Reported tests of quantum key distribution on installed fibre show key rates that fall "
            "sharply in daytime and in cold weather, because of changes in fibre birefringence and Raman "
            "scattering from neighbouring channels. Most systems correct these effects by pausing "
            "the key exchange, which wastes much of the available time. The key open question is "
            "how far continuous, model-based compensation can keep a link in service, and what "
            "finite-key penalty the extra monitoring costs."),
    ("subheading", "2.3 Methodology"),
    P(None, "We will combine three strands: (i) long-term measurements on dark fibre between three "
            "University sites; (ii) models of polarisation drift driven by temperature and traffic "
            "data supplied by the network partner; and (iii) finite-key analysis, with the Beihang "
            "University group, of protocols that interleave monitoring and key exchange. All "
            "hardware will be assembled from catalogue components available to any university "
            "laboratory."),
    ("subheading", "2.4 National importance"),
    P(None, "The project supports the UK's programme for trusted communications infrastructure and "
            "will give network operators evidence on running quantum key distribution alongside "
            "existing services, rather than on dedicated fibre."),
]

GRANT += [
    ("subheading", "2.5 Project management and risks"),
    P(None, "Dr Okafor will lead the project and chair a management group of the investigators, the "
            "partner contacts and the postdoctoral researchers, meeting monthly. The main risks are "
            "delays in access to dark fibre, which the partner will mitigate by reserving spare "
            "fibre pairs from month 1, and slower than expected progress on the drift models, which "
            "WP3 does not depend on. An advisory board of two network operators and an academic "
            "expert in fibre metrology will meet once a year."),
    ("subheading", "2.6 Impact"),
    P(None, "The main beneficiaries are metropolitan network operators and the organisations that "
            "lease their fibre. KEYSTONE will hold two workshops with operators in Casterbridge, "
            "write a short operator's guide in plain language and release the control software "
            "and the long-term drift data set under open licences, so that other groups can test "
            "their own compensation methods against real measurements."),
    ("keep", [
        ("heading", "3. Work Packages"),
        P("WP1", "Test bed (months 1-12). Install transmitters and receivers at three sites; "
                 "commission the timing and polarisation reference channels; record a baseline of "
                 "fibre loss and drift for twelve months.", 0),
        P("WP2", "Drift models and compensation (months 6-24). Fit models of polarisation drift to "
                 "the WP1 data and to the partner's traffic records; implement the compensation "
                 "loop in the control software; compare service time with and without it.", 0),
        P("WP3", "Finite-key analysis (months 1-30). Extend existing finite-key bounds to protocols "
                 "that interleave monitoring with key exchange, and apply them to the WP1 and WP2 "
                 "data. Led jointly by Wessex and Beihang University.", 0),
        P("WP4", "Operation and handover (months 24-36). Run the link for six months under the "
                 "partner's network operations centre and write an operator's guide; release the "
                 "control software under an open-source licence.", 0),
    ]),

    ("heading", "4. Collaborators and Partners"),
    P(None, "Beihang University (School of Electronic and Information Engineering; contact: "
            "Professor Wang Hui). The group will contribute finite-key analysis in WP3 and host one "
            "three-month visit by a Wessex postdoctoral researcher. Beihang University will not "
            "receive hardware or unpublished device designs; the exchange is limited to theory and "
            "to analysis of measured data. A letter of support is attached."),
    P(None, "Casterbridge Fibre Networks Ltd (contact: Ms Joanna Price, Head of Network "
            "Engineering). The partner will provide access to dark fibre between three sites, "
            "traffic and temperature records, and staff time for WP4, valued at \u00a396,000 in "
            "kind."),

    ("heading", "5. Research Environment and Responsible Research"),
    P(None, "The project has been reviewed under the University's Trusted Research procedure, "
            "including due diligence on each partner. No data, software or equipment controlled "
            "under the US International Traffic in Arms Regulations will be used or produced in "
            "this project. Research data will be deposited in the University's research data "
            "repository at the end of the project, and papers will be made freely available "
            "through the University's repository."),

    ("keep", [
        ("heading", "6. References"),
        P("[1]", "H.-K. Lo, M. Curty and B. Qi, \"Measurement-device-independent quantum key "
                 "distribution\", Physical Review Letters 108, 130503 (2012)."),
        P("[2]", "V. Scarani et al., \"The security of practical quantum key distribution\", Reviews of "
                 "Modern Physics 81, 1301 (2009)."),
        P("[3]", "M. Peev et al., \"The SECOQC quantum key distribution network in Vienna\", New "
                 "Journal of Physics 11, 075001 (2009)."),
        P("[4]", "ITU-T Recommendation G.652, \"Characteristics of a single-mode optical fibre and "
                 "cable\" (2016)."),
    ]),
]


# The encrypted sample: its text is only readable with the user password. It deliberately contains
# planted terms so that a tool which wrongly reported it "clean" (ok, zero findings) would be visibly
# wrong; the demo must report it encrypted and find nothing in it.
ENCRYPTED = [
    ("notice", SPECIMEN),
    ("title", "DATA SHARING AGREEMENT"),
    ("center", "Agreement reference UW/DSA/2024/031"),
    ("gap", 6),
    P(None, "THIS AGREEMENT is dated 2 May 2024 and is made between the University of Wessex, whose "
            "administrative office is at " + UW_ADDRESS + ' (the "University"), and Harbin Institute '
            'of Technology, whose principal office is at ' + HIT_ADDRESS + ' (the "Recipient").'),
    ("heading", "1. Purpose"),
    P("1.1", "The University shall share with the Recipient the surface pressure measurements taken "
             "on scale models of hypersonic vehicles in Work Package 1 of agreement UW/RCA/2024/117, "
             "solely for comparison with the Recipient's computational predictions."),
    ("heading", "2. Conditions"),
    P("2.1", "The Recipient shall not pass the data to any third party and shall delete it when the "
             "comparison is complete."),
    P("2.2", "Each Party shall comply with all applicable export control laws and regulations."),
    ("heading", "3. Signatures"),
    P(None, "Signed for and on behalf of the University of Wessex: ......................................"),
    P(None, "Signed for and on behalf of Harbin Institute of Technology: ......................................"),
]


CLEAN_TEXT = """\
Specimen written for the trustscreen demo. The University of Wessex, the University of Caerleon
and every named person are fictional.

STAFF TEACHING EXCHANGE: LETTER OF AGREEMENT
Medieval History, academic year 2024-25

Between the Department of History, University of Wessex, Casterbridge, and the School of
History and Archaeology, University of Caerleon, Isca Road, Caerleon.

1. Purpose

The two departments agree to exchange one member of teaching staff each for the spring term
of 2025. The aim is to broaden the range of medieval options offered to final-year
undergraduates and to let colleagues try out teaching material with a new group of students.

2. The visitors

Dr Margaret Holloway (Wessex) will teach at Caerleon. She will offer a ten-week option on
towns, guilds and markets in England and the Low Countries between 1250 and 1450, built around
borough charters, guild ordinances and customs accounts read in translation.

Dr Rhys Pennant (Caerleon) will teach at Wessex. He will offer a ten-week option on the Welsh
March from the Norman settlement to the Glyndwr rising, with weekly seminars on chronicles,
charters and the poetry of the princes, and a day visit to the castles of the middle March.

3. Teaching load and assessment

Each visitor will teach one option (two hours of seminars a week), give one lecture in the
host department's first-year survey course, and hold two office hours a week. Coursework will
be set and first-marked by the visitor and second-marked by a member of the host department;
the host's assessment regulations apply. Marks will be confirmed by the host's examination
board in June 2025.

4. Practical arrangements

Each visitor remains employed and paid by the home university. The host department will
provide a shared office, a library card, access to the virtual learning environment and
reasonable travel costs for the class visit. Both departments will use their staff development
budgets to meet the visitors' travel and accommodation, up to 2,400 pounds each.

Library staff at both universities have agreed to lend the core texts for the options to the
host library for the term, so that students have the books they need from the first week.

5. Afterwards

The visitors will meet the heads of department in May 2025 to review the exchange, using the
students' module evaluations and their own notes. If both departments are content, the
exchange may be repeated in 2026-27 with different colleagues, and the options may be offered
again as part of a joint summer school for postgraduate students.

Signed:

Professor Anne Lacey, Head of the Department of History, University of Wessex
Date: 9 September 2024

Professor Dafydd Morgan, Head of the School of History and Archaeology, University of Caerleon
Date: 11 September 2024
"""

# partner-budget.xlsx: a project budget workbook. The partner sits in cell Partners!A3, so a
# finding there is located by sheet and cell.
BUDGET_SHEETS = [
    ("Budget", [
        ["Cost line", "Year 1 (GBP)", "Year 2 (GBP)", "Notes"],
        ["Research associate", 41200, 42400, "Aerodynamics Group"],
        ["Wind-tunnel time", 18500, 12000, "University high-speed tunnel"],
        ["Scale models", 9600, 0, "Made by the subcontractor, see Partners"],
        ["Travel", 4800, 4800, "Two visits a year"],
    ]),
    ("Partners", [
        ["Organisation", "Role", "Country", "Contact"],
        ["University of Wessex", "Lead organisation", "United Kingdom", "Professor Eleanor Marsh"],
        ["Harbin Institute of Technology", "Subcontractor: stainless steel scale models",
         "China", "Professor Zhao Lin"],
    ]),
]

# draft-thread.eml: the contracts office sends the draft agreement (collaboration-agreement.docx,
# attached as draft-agreement.docx) to the project lead.
THREAD_BODY = """Dear Eleanor,

Please find attached the draft collaboration agreement for the wind-tunnel project. Clause 9
(Export Control) needs your input before we send it to the Collaborator: please confirm the
classification of the flight control hardware.

Best wishes,
Research Contracts Team
University of Wessex (fictional)
"""
