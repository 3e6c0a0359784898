"""The dev corpus's text: lecture passages and dialogues, each with the clip context a TikTok would carry.

Written by hand for this corpus (StudyCompanion developers, same licence as the project) before any
correction rule or threshold was tuned. The test split is never used for tuning.
Each entry: id, split, kind, specialty, title, caption, hashtags, and the text (lectures) or turns (dialogues).
"""

from __future__ import annotations

LECTURES: list[dict[str, object]] = [
    # ---------------------------------------------------------------- test split
    {
        "id": "test_cardio_hf", "split": "test", "specialty": "cardiology",
        "title": "Heart failure drugs that save lives", "caption": "GDMT in one minute",
        "hashtags": ["cardiology", "heartfailure", "medstudent"],
        "text": (
            "In heart failure with reduced ejection fraction, four drug classes lower mortality. Start a beta "
            "blocker such as metoprolol succinate, carvedilol or bisoprolol at a low dose and titrate slowly. "
            "Replace the ACE inhibitor with sacubitril valsartan when the patient can tolerate it. Add "
            "spironolactone or eplerenone, and check potassium and creatinine within one week. Finally, "
            "dapagliflozin ten milligrams once daily or empagliflozin reduces hospital admissions even without "
            "diabetes. Furosemide relieves congestion but does not change survival. Digoxin can help with "
            "symptoms, but watch for toxicity in renal impairment. Ivabradine is an option when the heart rate "
            "stays above seventy in sinus rhythm."
        ),
    },
    {
        "id": "test_endo_dka", "split": "test", "specialty": "endocrinology",
        "title": "DKA protocol", "caption": "Fluids, insulin, potassium", "hashtags": ["endocrine", "diabetes"],
        "text": (
            "Diabetic ketoacidosis presents with polyuria, vomiting, abdominal pain and Kussmaul breathing. "
            "Give one litre of sodium chloride over the first hour, then start a fixed rate insulin infusion at "
            "zero point one units per kilogram per hour. Do not give insulin if potassium is below three point "
            "five; replace it first. When glucose falls below fourteen, add ten percent dextrose. Continue the "
            "patient's long acting insulin glargine or detemir. Look for the trigger: infection, missed doses, "
            "or a new SGLT2 inhibitor such as canagliflozin, which can cause euglycemic ketoacidosis. "
            "Hyperosmolar hyperglycemic state, by contrast, develops over days in older patients with type two "
            "diabetes."
        ),
    },
    {
        "id": "test_id_meningitis", "split": "test", "specialty": "infectious disease",
        "title": "Bacterial meningitis", "caption": "Empirical treatment", "hashtags": ["infectiousdisease"],
        "text": (
            "Suspected bacterial meningitis is an emergency. Take blood cultures, then give ceftriaxone two "
            "grams intravenously every twelve hours without waiting for the lumbar puncture. Add ampicillin for "
            "patients over fifty or immunocompromised patients to cover Listeria monocytogenes. Add vancomycin "
            "where pneumococcal resistance is common. Dexamethasone ten milligrams every six hours, started "
            "with the first antibiotic dose, reduces hearing loss in pneumococcal disease. Kernig and Brudzinski "
            "signs are specific but not sensitive. A petechial rash suggests Neisseria meningitidis, and close "
            "contacts receive ciprofloxacin or rifampicin prophylaxis."
        ),
    },
    {
        "id": "test_neuro_parkinson", "split": "test", "specialty": "neurology",
        "title": "Parkinson disease treatment", "caption": "", "hashtags": ["neurology", "parkinsons"],
        "text": (
            "Parkinson disease causes bradykinesia with rest tremor, rigidity and postural instability. "
            "Levodopa combined with carbidopa remains the most effective treatment; carbidopa blocks peripheral "
            "decarboxylation and reduces nausea. Dopamine agonists such as pramipexole and ropinirole can cause "
            "impulse control disorders, so ask about gambling. Rasagiline and selegiline inhibit monoamine "
            "oxidase B. Entacapone prolongs the effect of each levodopa dose. Avoid haloperidol and "
            "metoclopramide, which block dopamine receptors and worsen the symptoms. Lewy body dementia "
            "shares the same pathology, with visual hallucinations and fluctuating attention."
        ),
    },
    {
        "id": "test_renal_aki", "split": "test", "specialty": "nephrology",
        "title": "Acute kidney injury", "caption": "Which drugs to stop", "hashtags": ["nephrology", "AKI"],
        "text": (
            "In acute kidney injury, stop nephrotoxic drugs and review every dose. Hold metformin, lisinopril, "
            "losartan and non steroidal anti inflammatory drugs like ibuprofen and naproxen. Gentamicin levels "
            "must be monitored, because aminoglycosides are nephrotoxic and ototoxic. Hyperkalemia above six "
            "point five with ECG changes needs ten millilitres of ten percent calcium gluconate, followed by "
            "insulin with dextrose and nebulised salbutamol. Sodium zirconium cyclosilicate or patiromer bind "
            "potassium in the gut. Rhabdomyolysis, tumour lysis syndrome and contrast nephropathy are causes to "
            "remember."
        ),
    },
    {
        "id": "test_gi_bleed", "split": "test", "specialty": "gastroenterology",
        "title": "Upper GI bleeding", "caption": "Scores and drugs", "hashtags": ["gastroenterology"],
        "text": (
            "Upper gastrointestinal bleeding is scored with the Glasgow Blatchford score before endoscopy and "
            "the Rockall score afterwards. Give an intravenous proton pump inhibitor such as pantoprazole or "
            "omeprazole after endoscopic treatment of a peptic ulcer. In suspected variceal bleeding, start "
            "terlipressin and a prophylactic antibiotic, usually ceftriaxone, before the endoscopy. Band "
            "ligation is preferred for oesophageal varices. A Mallory Weiss tear follows repeated vomiting and "
            "usually stops by itself. Helicobacter pylori is eradicated with amoxicillin, clarithromycin and a "
            "proton pump inhibitor for fourteen days. Reverse warfarin with vitamin K and prothrombin complex "
            "concentrate."
        ),
    },
    {
        "id": "test_pulm_asthma", "split": "test", "specialty": "pulmonology",
        "title": "Acute severe asthma", "caption": "", "hashtags": ["pulmonology", "asthma", "emergency"],
        "text": (
            "Acute severe asthma means a peak flow between thirty three and fifty percent of best, a respiratory "
            "rate above twenty five, or a heart rate above one hundred and ten. Give oxygen to keep saturations "
            "between ninety four and ninety eight percent, nebulised salbutamol five milligrams, and ipratropium "
            "bromide five hundred micrograms. Prednisolone forty milligrams by mouth or hydrocortisone one "
            "hundred milligrams intravenously follows. If there is no response, give magnesium sulphate two "
            "grams over twenty minutes. Aminophylline is rarely needed now. A normal or rising carbon dioxide is "
            "a sign of exhaustion and needs intensive care. Montelukast and tiotropium are added for chronic "
            "control."
        ),
    },
    {
        "id": "test_heme_anticoag", "split": "test", "specialty": "hematology",
        "title": "Anticoagulants compared", "caption": "DOACs and warfarin", "hashtags": ["hematology"],
        "text": (
            "Virchow's triad of stasis, endothelial injury and hypercoagulability explains venous thrombosis. "
            "Apixaban five milligrams twice daily and rivaroxaban twenty milligrams once daily inhibit factor "
            "ten a directly. Dabigatran inhibits thrombin, and idarucizumab reverses it. Andexanet alfa reverses "
            "the factor ten a inhibitors. Warfarin antagonises vitamin K, so the INR is checked regularly, with "
            "a target between two and three for most indications. Enoxaparin, a low molecular weight heparin, "
            "is dosed by weight. Heparin induced thrombocytopenia needs argatroban or fondaparinux instead. "
            "Protamine sulphate reverses unfractionated heparin."
        ),
    },
    {
        "id": "test_psych_lithium", "split": "test", "specialty": "psychiatry",
        "title": "Lithium and friends", "caption": "Mood stabilisers", "hashtags": ["psychiatry", "pharmacology"],
        "text": (
            "Lithium is the mood stabiliser with the best evidence against suicide in bipolar disorder. Keep the "
            "level between zero point four and one millimoles per litre, twelve hours after the dose. Toxicity "
            "causes coarse tremor, ataxia and confusion, and is precipitated by thiazides, ACE inhibitors and "
            "dehydration. Long term use causes hypothyroidism and nephrogenic diabetes insipidus. Sodium "
            "valproate is teratogenic and should be avoided in women who could become pregnant. Lamotrigine "
            "helps bipolar depression but can cause Stevens Johnson syndrome. Quetiapine and olanzapine are "
            "atypical antipsychotics that cause weight gain. Clozapine needs regular blood counts because of "
            "agranulocytosis."
        ),
    },
    {
        "id": "test_obgyn_preeclampsia", "split": "test", "specialty": "obstetrics",
        "title": "Pre-eclampsia in 60 seconds", "caption": "", "hashtags": ["obstetrics", "OBGYN"],
        "text": (
            "Pre eclampsia is new hypertension after twenty weeks of pregnancy with proteinuria or organ "
            "dysfunction. Labetalol is the first line antihypertensive, with nifedipine or methyldopa as "
            "alternatives. Magnesium sulphate prevents eclamptic seizures: a loading dose of four grams, then "
            "one gram an hour. Check reflexes and respiratory rate, because magnesium toxicity abolishes the "
            "patellar reflex first, and calcium gluconate is the antidote. HELLP syndrome combines haemolysis, "
            "elevated liver enzymes and low platelets. Low dose aspirin from twelve weeks lowers the risk in high "
            "risk women. Delivery is the only cure."
        ),
    },
    # ---------------------------------------------------------------- tuning split
    {
        "id": "tune_cardio_af", "split": "tuning", "specialty": "cardiology",
        "title": "Atrial fibrillation rate control", "caption": "", "hashtags": ["cardiology", "ECG"],
        "text": (
            "Atrial fibrillation is an irregularly irregular rhythm without P waves. For rate control, use a "
            "beta blocker such as bisoprolol or atenolol, or a rate limiting calcium channel blocker like "
            "diltiazem or verapamil. Never combine verapamil with a beta blocker, because the combination can "
            "cause profound bradycardia and heart block. Digoxin is useful in sedentary patients. For rhythm "
            "control, flecainide works when the heart is structurally normal, and amiodarone when it is not. "
            "Calculate the CHA2DS2 VASc score and offer apixaban or edoxaban when it is two or more. "
            "Wolff Parkinson White syndrome with atrial fibrillation must not be treated with adenosine."
        ),
    },
    {
        "id": "tune_endo_thyroid", "split": "tuning", "specialty": "endocrinology",
        "title": "Thyroid disease basics", "caption": "Graves and Hashimoto", "hashtags": ["endocrinology"],
        "text": (
            "Graves disease causes hyperthyroidism with exophthalmos, pretibial myxoedema and a diffuse goitre. "
            "Carbimazole or methimazole block thyroid peroxidase; propylthiouracil is preferred in the first "
            "trimester of pregnancy. Both can cause agranulocytosis, so a sore throat needs an urgent blood "
            "count. Propranolol forty milligrams controls the tremor and palpitations. Hashimoto thyroiditis "
            "is the commonest cause of hypothyroidism in iodine sufficient areas, treated with levothyroxine "
            "fifty to one hundred micrograms daily, adjusted by the thyroid stimulating hormone level. De "
            "Quervain thyroiditis follows a viral infection and is painful. Amiodarone can cause both over and "
            "under activity."
        ),
    },
    {
        "id": "tune_id_pneumonia", "split": "tuning", "specialty": "infectious disease",
        "title": "Community acquired pneumonia", "caption": "CURB-65", "hashtags": ["infectiousdisease"],
        "text": (
            "Community acquired pneumonia is scored with CURB sixty five: confusion, urea above seven, "
            "respiratory rate of thirty or more, low blood pressure, and age sixty five or older. A low score is "
            "treated with amoxicillin five hundred milligrams three times daily. Add clarithromycin or "
            "doxycycline to cover atypical organisms such as Mycoplasma pneumoniae and Legionella. Severe "
            "pneumonia needs intravenous co amoxiclav with clarithromycin. Legionella causes hyponatraemia and "
            "diarrhoea. Staphylococcus aureus pneumonia may follow influenza. Klebsiella affects people with "
            "alcohol dependence and produces red currant jelly sputum. Pneumocystis jirovecii pneumonia in HIV "
            "is treated with co trimoxazole."
        ),
    },
    {
        "id": "tune_neuro_stroke", "split": "tuning", "specialty": "neurology",
        "title": "Stroke thrombolysis", "caption": "Time is brain", "hashtags": ["neurology", "stroke"],
        "text": (
            "Ischaemic stroke within four and a half hours of onset can be thrombolysed with alteplase zero "
            "point nine milligrams per kilogram or tenecteplase, once a CT scan has excluded haemorrhage. "
            "Thrombectomy helps large vessel occlusions up to twenty four hours in selected patients. Give "
            "aspirin three hundred milligrams for two weeks, then clopidogrel seventy five milligrams daily "
            "long term, with atorvastatin eighty milligrams. Horner syndrome with ipsilateral facial numbness "
            "suggests a lateral medullary infarct, also called Wallenberg syndrome. Bell's palsy spares the "
            "forehead only when the lesion is central. Nimodipine prevents vasospasm after subarachnoid "
            "haemorrhage."
        ),
    },
    {
        "id": "tune_renal_electrolytes", "split": "tuning", "specialty": "nephrology",
        "title": "Sodium disorders", "caption": "Hyponatraemia", "hashtags": ["nephrology", "electrolytes"],
        "text": (
            "Hyponatraemia below one hundred and twenty five causes confusion, seizures and coma. The syndrome "
            "of inappropriate antidiuretic hormone secretion follows small cell lung cancer, pneumonia, and "
            "drugs such as carbamazepine, sertraline and other selective serotonin reuptake inhibitors. Treat "
            "it with fluid restriction, then demeclocycline or tolvaptan. Correct chronic hyponatraemia by no "
            "more than ten millimoles in twenty four hours, because osmotic demyelination can follow. Addison "
            "disease causes hyponatraemia with hyperkalaemia and is treated with hydrocortisone and "
            "fludrocortisone. Bendroflumethiazide and indapamide are common causes in older patients."
        ),
    },
    {
        "id": "tune_gi_ibd", "split": "tuning", "specialty": "gastroenterology",
        "title": "Crohn's versus ulcerative colitis", "caption": "", "hashtags": ["gastroenterology", "IBD"],
        "text": (
            "Crohn disease affects any part of the gut from mouth to anus, with skip lesions, transmural "
            "inflammation, fistulas and granulomas. Ulcerative colitis starts in the rectum and spreads "
            "continuously, with crypt abscesses and bloody diarrhoea. Mesalazine induces and maintains "
            "remission in mild colitis. Flares are treated with prednisolone or intravenous hydrocortisone. "
            "Azathioprine and mercaptopurine maintain remission, but check thiopurine methyltransferase "
            "activity first. Infliximab and adalimumab block tumour necrosis factor; vedolizumab targets gut "
            "lymphocytes. Primary sclerosing cholangitis is associated with ulcerative colitis. Barrett "
            "oesophagus, by contrast, follows chronic reflux."
        ),
    },
    {
        "id": "tune_pulm_copd", "split": "tuning", "specialty": "pulmonology",
        "title": "COPD inhalers", "caption": "Step by step", "hashtags": ["pulmonology", "COPD"],
        "text": (
            "Chronic obstructive pulmonary disease is confirmed by spirometry with an FEV1 to FVC ratio below "
            "zero point seven. Start a short acting bronchodilator such as salbutamol or ipratropium. Then add "
            "a long acting muscarinic antagonist like tiotropium with a long acting beta agonist such as "
            "salmeterol or formoterol. Inhaled corticosteroids like budesonide or fluticasone help when "
            "eosinophils are raised, but increase the risk of pneumonia. Roflumilast and azithromycin reduce "
            "exacerbations. An exacerbation is treated with prednisolone thirty milligrams for five days and "
            "antibiotics if the sputum is purulent. Long term oxygen improves survival when the arterial "
            "oxygen is below seven point three."
        ),
    },
    {
        "id": "tune_heme_anaemia", "split": "tuning", "specialty": "hematology",
        "title": "Anaemia by MCV", "caption": "", "hashtags": ["hematology", "medstudent"],
        "text": (
            "Microcytic anaemia is usually iron deficiency, but think of thalassaemia and sideroblastic "
            "anaemia. Ferrous sulphate two hundred milligrams once daily is the usual replacement; intravenous "
            "ferric carboxymaltose works faster. Macrocytic anaemia follows vitamin B12 or folate deficiency, "
            "alcohol, or methotrexate. Pernicious anaemia is treated with hydroxocobalamin one milligram "
            "injections. Always replace B12 before folic acid, or subacute combined degeneration of the cord may "
            "worsen. Sickle cell disease is managed with hydroxycarbamide. Haemolysis raises bilirubin and "
            "lactate dehydrogenase, with a low haptoglobin. Glucose six phosphate dehydrogenase deficiency "
            "causes haemolysis after primaquine or fava beans."
        ),
    },
    {
        "id": "tune_psych_depression", "split": "tuning", "specialty": "psychiatry",
        "title": "Antidepressants", "caption": "SSRIs and beyond", "hashtags": ["psychiatry"],
        "text": (
            "Selective serotonin reuptake inhibitors such as sertraline fifty milligrams or citalopram are first "
            "line for depression. Citalopram prolongs the QT interval. Fluoxetine has the longest half life, and "
            "paroxetine the worst discontinuation symptoms. Venlafaxine and duloxetine inhibit both serotonin "
            "and noradrenaline reuptake. Mirtazapine helps sleep and appetite. Amitriptyline is dangerous in "
            "overdose because of sodium channel blockade. Serotonin syndrome causes hyperthermia, clonus and "
            "agitation, especially with tramadol, linezolid or monoamine oxidase inhibitors such as "
            "phenelzine. Neuroleptic malignant syndrome, by contrast, follows haloperidol and causes rigidity."
        ),
    },
    {
        "id": "tune_obgyn_labour", "split": "tuning", "specialty": "obstetrics",
        "title": "Labour and postpartum haemorrhage", "caption": "", "hashtags": ["obstetrics"],
        "text": (
            "The Bishop score assesses the cervix before induction of labour, which uses dinoprostone or a "
            "balloon catheter, then amniotomy and oxytocin. Postpartum haemorrhage is a blood loss above five "
            "hundred millilitres. Remember the four Ts: tone, trauma, tissue and thrombin. Uterine atony is "
            "treated with oxytocin, ergometrine, carboprost and misoprostol, and tranexamic acid one gram "
            "intravenously. Anti D immunoglobulin is given to rhesus negative mothers. Group B streptococcus "
            "carriers receive benzylpenicillin in labour. The Apgar score is recorded at one and five minutes "
            "after birth."
        ),
    },
]

DIALOGUES: list[dict[str, object]] = [
    {
        "id": "test_dlg_chestpain", "split": "test", "specialty": "cardiology",
        "title": "Chest pain history", "caption": "OSCE practice", "hashtags": ["OSCE", "cardiology"],
        "turns": [
            ("doctor", "Good morning. What brings you in today?"),
            ("patient", "I have had this pain in my chest since last night. It feels heavy, like a weight."),
            ("doctor", "Does the pain go anywhere else, like your arm or your jaw?"),
            ("patient", "Yes, down my left arm. And I feel a bit sick and sweaty."),
            ("doctor", "Do you take any medicines at the moment?"),
            ("patient", "I take ramipril for my blood pressure and atorvastatin for cholesterol."),
            ("doctor", "Thank you. We will do an ECG now and check your troponin. I will give you aspirin three "
                       "hundred milligrams to chew."),
            ("patient", "Is it a heart attack?"),
            ("doctor", "It might be. We will know more from the tracing and the blood test."),
        ],
    },
    {
        "id": "test_dlg_asthma", "split": "test", "specialty": "pulmonology",
        "title": "Inhaler review", "caption": "", "hashtags": ["asthma", "primarycare"],
        "turns": [
            ("doctor", "How has your asthma been since we last met?"),
            ("patient", "Not great. I use the blue inhaler almost every day now, sometimes at night too."),
            ("doctor", "Are you still taking the brown inhaler, the beclometasone, twice a day?"),
            ("patient", "Honestly, I forget it most mornings."),
            ("doctor", "That explains a lot. Let me show you how to use the spacer, and we can switch you to a "
                       "combined inhaler with budesonide and formoterol."),
            ("patient", "Will that mean fewer inhalers?"),
            ("doctor", "Yes, just one, and you can use it for relief as well. Come back in four weeks."),
        ],
    },
    {
        "id": "test_dlg_diabetes", "split": "test", "specialty": "endocrinology",
        "title": "Starting a new diabetes drug", "caption": "", "hashtags": ["diabetes"],
        "turns": [
            ("doctor", "Your blood sugar results are still high, so I would like to add a second medicine."),
            ("patient", "I already take metformin. What else is there?"),
            ("doctor", "There is a tablet called empagliflozin. It also protects your heart and kidneys."),
            ("patient", "Are there side effects I should know about?"),
            ("doctor", "You may pass more urine, and there is a small risk of thrush. If you are ever unwell "
                       "and not eating, stop it for a day or two."),
            ("patient", "Okay. And do I keep taking the gliclazide?"),
            ("doctor", "For now, yes, but we may lower the dose if your sugars drop too low."),
        ],
    },
    {
        "id": "tune_dlg_headache", "split": "tuning", "specialty": "neurology",
        "title": "Headache consultation", "caption": "", "hashtags": ["neurology", "OSCE"],
        "turns": [
            ("doctor", "Tell me about the headaches."),
            ("patient", "They come about twice a week. One side of my head throbs and light hurts my eyes."),
            ("doctor", "Do you see anything before they start, like zigzag lines?"),
            ("patient", "Sometimes, yes, for about twenty minutes."),
            ("doctor", "That sounds like migraine with aura. Sumatriptan fifty milligrams at the start of an "
                       "attack usually helps."),
            ("patient", "I have been taking paracetamol and ibuprofen almost every day."),
            ("doctor", "Taking painkillers that often can cause medication overuse headache. We could try "
                       "propranolol or topiramate to prevent the attacks."),
        ],
    },
    {
        "id": "tune_dlg_uti", "split": "tuning", "specialty": "infectious disease",
        "title": "Urinary symptoms", "caption": "", "hashtags": ["primarycare"],
        "turns": [
            ("doctor", "What seems to be the problem?"),
            ("patient", "It burns when I pass water, and I need to go all the time."),
            ("doctor", "Any fever, or pain in your back?"),
            ("patient", "No, nothing like that."),
            ("doctor", "Are you pregnant, or could you be?"),
            ("patient", "No."),
            ("doctor", "Then this is likely a simple urine infection. I will prescribe nitrofurantoin one "
                       "hundred milligrams twice a day for three days."),
            ("patient", "Should I drink more water?"),
            ("doctor", "Yes, and come back if you get a temperature or the symptoms do not settle."),
        ],
    },
    {
        "id": "tune_dlg_warfarin", "split": "tuning", "specialty": "hematology",
        "title": "Warfarin clinic", "caption": "", "hashtags": ["anticoagulation"],
        "turns": [
            ("doctor", "Your INR today is four point two, which is higher than we want."),
            ("patient", "Is that dangerous?"),
            ("doctor", "It means your blood is thinner than it should be. Have you started any new medicines?"),
            ("patient", "The dentist gave me an antibiotic last week, metronidazole I think."),
            ("doctor", "That is the reason. Metronidazole makes warfarin stronger. Skip tonight's dose, and "
                       "we will check again on Thursday."),
            ("patient", "What if I notice bleeding?"),
            ("doctor", "Call us straight away, and we can give vitamin K."),
        ],
    },
]

# -------------------------------------------------------------------- test2 split
# Written blind for issue 12, after every correction rule and threshold was fixed: its author saw no transcript,
# no bench output and no correction code, and reused no specialty or topic of the splits above. Never used for
# tuning. Some titles and captions name terms that the passage does not say, as real posts do.
LECTURES += [
    {
        "id": "test2_derm_psoriasis", "split": "test2", "specialty": "dermatology",
        "title": "Psoriasis treatments", "caption": "From Dovobet to biologics, the whole ladder",
        "hashtags": ["dermatology", "psoriasis", "medstudent", "derm"],
        "text": (
            "For mild plaque disease, start with a potent topical steroid such as betamethasone dipropionate "
            "combined with calcipotriol, a vitamin D analogue, once daily for up to four weeks. When more than ten "
            "percent of the body surface is involved, or the nails and scalp are badly affected, move to "
            "narrowband UVB phototherapy or a systemic agent. Methotrexate fifteen milligrams once weekly, with "
            "folic acid five milligrams on another day, is the usual first choice. Ciclosporin works fast but "
            "raises blood pressure and creatinine. Biologics such as adalimumab, ustekinumab and secukinumab are "
            "kept for severe disease, after screening for tuberculosis. Remember the Koebner phenomenon and the "
            "Auspitz sign."
        ),
    },
    {
        "id": "test2_rheum_gout", "split": "test2", "specialty": "rheumatology",
        "title": "Gout flare vs urate lowering", "caption": "Pseudogout is a different crystal, part two soon",
        "hashtags": ["rheumatology", "gout", "hyperuricemia", "medschool"],
        "text": (
            "An acute attack in the first metatarsophalangeal joint, called podagra, is treated with naproxen "
            "five hundred milligrams twice daily, colchicine five hundred micrograms two to four times a day, or a "
            "short course of prednisolone. If the patient already takes allopurinol, carry on through the flare. "
            "Once the attack settles, begin allopurinol at one hundred milligrams daily and titrate every few "
            "weeks to a serum urate below three hundred and sixty micromoles per litre, with colchicine cover for "
            "up to six months. Febuxostat is the alternative. Aspiration shows needle shaped, negatively "
            "birefringent crystals of monosodium urate. Avoid allopurinol with azathioprine or mercaptopurine."
        ),
    },
    {
        "id": "test2_paeds_kawasaki", "split": "test2", "specialty": "paediatrics",
        "title": "Kawasaki vs scarlet fever", "caption": "The one time kids get aspirin",
        "hashtags": ["paediatrics", "pediatrics", "kawasaki", "peds"],
        "text": (
            "Think of Kawasaki disease in a child with five days of fever and four of five features: "
            "bilateral non purulent conjunctivitis, a strawberry tongue with cracked red lips, a polymorphous "
            "rash, cervical lymphadenopathy, and red swollen hands and feet that later peel. Treat with "
            "intravenous immunoglobulin, two grams per kilogram in one infusion, ideally within ten days of "
            "onset, together with high dose aspirin, then low dose aspirin for six weeks. This is one of the few "
            "times we give aspirin to children despite the risk of Reye syndrome. Get an echocardiogram at "
            "diagnosis and at six weeks to look for coronary artery aneurysms. Prednisolone is added in "
            "high risk cases."
        ),
    },
    {
        "id": "test2_onc_emergencies", "split": "test2", "specialty": "oncology",
        "title": "Oncology emergencies: hypercalcaemia and more", "caption": "Save this before your onc rotation",
        "hashtags": ["oncology", "oncologyemergencies", "medstudent"],
        "text": (
            "Malignant spinal cord compression presents with back pain, leg weakness and sometimes urinary "
            "retention. Give dexamethasone sixteen milligrams with a proton pump inhibitor such as omeprazole, "
            "and get a whole spine MRI within twenty four hours; definitive treatment is radiotherapy or surgical "
            "decompression. Superior vena cava obstruction causes facial swelling, distended neck veins and a "
            "positive Pemberton sign, most often from small cell lung cancer or lymphoma; treat it with an "
            "endovascular stent and steroids. In neutropenic sepsis, with neutrophils below zero point five, give "
            "piperacillin with tazobactam within one hour, and add vancomycin for a line infection. Filgrastim can "
            "shorten the neutropenia."
        ),
    },
    {
        "id": "test2_uro_bph", "split": "test2", "specialty": "urology",
        "title": "Prostate drugs: Flomax and Proscar", "caption": "LUTS made simple",
        "hashtags": ["urology", "BPH", "prostate", "medstudent"],
        "text": (
            "Benign prostatic hyperplasia gives hesitancy, a weak stream, nocturia and terminal dribbling. Start "
            "an alpha blocker such as tamsulosin four hundred micrograms once daily, and warn about postural "
            "hypotension and floppy iris syndrome before cataract surgery. If the prostate is larger than thirty "
            "grams or the PSA is raised, add a five alpha reductase inhibitor such as finasteride five "
            "milligrams, which shrinks the gland over six months and halves the PSA. For storage symptoms, add "
            "solifenacin or mirabegron. Follow progress with the International Prostate Symptom Score. Refer for "
            "transurethral resection if drugs fail, and watch for TURP syndrome, a dilutional hyponatraemia from "
            "glycine irrigation fluid."
        ),
    },
    {
        "id": "test2_ophth_glaucoma", "split": "test2", "specialty": "ophthalmology",
        "title": "Red eye you cannot miss", "caption": "Not conjunctivitis. Not uveitis. This one blinds.",
        "hashtags": ["ophthalmology", "glaucoma", "redeye", "optometry"],
        "text": (
            "Acute angle closure presents with a painful red eye, halos around lights, a fixed mid dilated pupil "
            "and a rock hard globe, often with vomiting. Lie the patient flat and give pilocarpine two percent "
            "drops to constrict the pupil, timolol zero point five percent, a beta blocker, and apraclonidine, an "
            "alpha two agonist. Give acetazolamide five hundred milligrams intravenously to cut aqueous "
            "production. Definitive treatment is laser peripheral iridotomy in both eyes. In chronic open angle "
            "glaucoma, first line is a prostaglandin analogue such as latanoprost at night, which can darken the "
            "iris and lengthen the eyelashes. Avoid brimonidine in infants, and timolol in asthma."
        ),
    },
    {
        "id": "test2_ent_vertigo", "split": "test2", "specialty": "ENT",
        "title": "BPPV, neuritis or Meniere's?", "caption": "Ringing ears? Think acoustic neuroma too",
        "hashtags": ["ENT", "otolaryngology", "vertigo", "dizziness"],
        "text": (
            "Benign paroxysmal positional vertigo causes brief spinning, lasting seconds, when rolling over in "
            "bed. Confirm it with the Dix Hallpike manoeuvre, which shows torsional nystagmus, and treat it with "
            "the Epley manoeuvre rather than drugs. Vestibular neuritis causes days of constant vertigo after a "
            "viral illness, with normal hearing; give prochlorperazine or cyclizine for a few days only, because "
            "vestibular suppressants slow compensation. If hearing is lost as well, call it labyrinthitis. Meniere "
            "disease gives attacks of vertigo lasting hours, with fluctuating hearing loss, tinnitus and aural "
            "fullness; betahistine sixteen milligrams three times daily is often tried. Always do the HINTS exam "
            "to exclude a posterior circulation stroke."
        ),
    },
    {
        "id": "test2_tox_antidotes", "split": "test2", "specialty": "toxicology",
        "title": "Antidotes every intern must know",
        "caption": "Iron? Deferoxamine. Cyanide? Hydroxocobalamin. Part one",
        "hashtags": ["toxicology", "antidotes", "emergencymedicine", "pharmacology"],
        "text": (
            "Know your antidotes. Paracetamol overdose is treated with intravenous acetylcysteine, guided by a "
            "level taken four hours after ingestion. Opioid toxicity, with pinpoint pupils and slow breathing, "
            "reverses with naloxone four hundred micrograms, repeated as needed because it wears off before "
            "morphine or methadone. Benzodiazepine reversal with flumazenil is rarely safe, since it can trigger "
            "seizures. For a tricyclic such as amitriptyline, a broad QRS responds to sodium bicarbonate. Digoxin "
            "toxicity gets digoxin specific antibody fragments, DigiFab. Methanol and ethylene glycol are treated "
            "with fomepizole, and organophosphates with atropine and pralidoxime. Beta blocker overdose may need "
            "glucagon or high dose insulin."
        ),
    },
    {
        "id": "test2_anaes_rsi", "split": "test2", "specialty": "anaesthesia",
        "title": "Anaesthesia drugs for finals", "caption": "Cricoid pressure debate in the next video",
        "hashtags": ["anaesthesia", "anesthesia", "anesthesiology", "medstudent"],
        "text": (
            "Rapid sequence induction uses propofol, one and a half to two and a half milligrams per kilogram, or "
            "ketamine when the patient is shocked, followed by rocuronium one point two milligrams per kilogram "
            "or suxamethonium. Suxamethonium, a depolarising blocker, raises potassium, so avoid it after the "
            "first day of a burn or crush injury. Rocuronium can be reversed at once with sugammadex sixteen "
            "milligrams per kilogram. Malignant hyperthermia, triggered by volatile agents such as sevoflurane and "
            "by suxamethonium, causes rising end tidal carbon dioxide, masseter rigidity and fever; stop the "
            "trigger and give dantrolene two point five milligrams per kilogram. For bupivacaine toxicity, give "
            "twenty percent lipid emulsion, Intralipid."
        ),
    },
    {
        "id": "test2_em_anaphylaxis", "split": "test2", "specialty": "emergency medicine",
        "title": "Anaphylaxis: epinephrine first!", "caption": "Biphasic reactions explained at the end",
        "hashtags": ["emergencymedicine", "anaphylaxis", "FOAMed", "EM"],
        "text": (
            "In anaphylaxis, the first drug to give is intramuscular adrenaline, five hundred "
            "micrograms of one in one thousand into the anterolateral thigh of an adult, repeated after five "
            "minutes if there is no improvement. Lie the patient flat, give high flow oxygen and a fluid bolus of "
            "five hundred millilitres of crystalloid. If two doses fail, this is refractory anaphylaxis and needs "
            "an adrenaline infusion. Chlorphenamine and hydrocortisone are no longer first line; give a non "
            "sedating antihistamine such as cetirizine for skin symptoms. Send a mast cell tryptase early and "
            "again one to two hours later. Patients on propranolol may need glucagon. Discharge with two "
            "adrenaline auto injectors, such as EpiPen."
        ),
    },
]

DIALOGUES += [
    {
        "id": "test2_dlg_reflux", "split": "test2", "specialty": "gastroenterology",
        "title": "Heartburn consultation", "caption": "PPI counselling for GERD", "hashtags": ["OSCE", "GP"],
        "turns": [
            ("doctor", "Hello, come in. How can I help today?"),
            ("patient", "I keep getting a burning feeling behind my breastbone, mostly after dinner and when I "
                        "lie down."),
            ("doctor", "How long has this been going on? Any trouble swallowing, or have you lost weight?"),
            ("patient", "About two months. No trouble swallowing, and my weight is the same."),
            ("doctor", "Do you take anything for it, or painkillers like ibuprofen?"),
            ("patient", "I take ibuprofen for my knee most days, and Gaviscon when it gets bad."),
            ("doctor", "The ibuprofen can irritate your stomach. Please stop it, and take omeprazole twenty "
                       "milligrams each morning for four weeks, half an hour before breakfast."),
            ("patient", "Will I need a camera test?"),
            ("doctor", "Not for now. If you are not better, we will do a breath test for Helicobacter pylori, two "
                       "weeks after you stop the tablets."),
        ],
    },
    {
        "id": "test2_dlg_eczema", "split": "test2", "specialty": "dermatology",
        "title": "Atopic dermatitis in kids", "caption": "Talking to parents about steroid creams",
        "hashtags": ["paediatrics", "dermatology"],
        "turns": [
            ("doctor", "What seems to be the problem with your son's skin?"),
            ("patient", "He has dry, itchy patches in the creases of his elbows and behind his knees. He "
                        "scratches them at night until they bleed."),
            ("doctor", "That sounds like eczema. Does anyone in the family have asthma or hay fever?"),
            ("patient", "His dad has hay fever, and I had eczema as a child."),
            ("doctor", "The most important thing is an emollient. Use it all over, several times a day, and "
                       "instead of soap in the bath."),
            ("patient", "What about the red patches?"),
            ("doctor", "For a flare, use hydrocortisone one percent cream once or twice a day for up to a week."),
            ("patient", "Is a steroid cream safe for a child?"),
            ("doctor", "Yes, in short courses it is safe. If a patch weeps or crusts, it may be infected, and he "
                       "may need flucloxacillin."),
        ],
    },
    {
        "id": "test2_dlg_hypertension", "split": "test2", "specialty": "cardiology",
        "title": "New hypertension diagnosis", "caption": "Starting a calcium channel blocker",
        "hashtags": ["OSCE", "hypertension"],
        "turns": [
            ("doctor", "Your home readings average one hundred and sixty two over ninety eight, so you do have "
                       "high blood pressure."),
            ("patient", "My friend takes amlodipine. Is that what I need?"),
            ("doctor", "Yes, amlodipine five milligrams once a day is a good first choice for you. Some people get "
                       "swollen ankles or flushing."),
            ("patient", "What if I get those?"),
            ("doctor", "Tell me, and we can switch to ramipril or losartan. Cut down on salt and alcohol as well."),
            ("patient", "Do I need any blood tests?"),
            ("doctor", "Yes. We will check your kidney function, cholesterol and a urine sample, and do an ECG."),
            ("patient", "How long will I take it for?"),
            ("doctor", "Probably for life. We will see you in four weeks, and aim for home readings under one "
                       "hundred and thirty five over eighty five."),
        ],
    },
]

# -------------------------------------------------------------------- test3 split
# Written blind for issue 12 while the lead changed the transcription path: its author saw no transcript, no bench
# output, no transcription or correction code and no lexicon file, and reused no specialty or topic of the splits
# above. The held-out split from then on; never used for tuning. About half of the titles and captions name terms
# that the passage does not say (brand names over generics, a related disease), as real posts do.
LECTURES += [
    {
        "id": "test3_ortho_compartment", "split": "test3", "specialty": "orthopaedics",
        "title": "Compartment syndrome red flags", "caption": "Pain out of proportion after a tibial fracture? Think "
        "compartment syndrome", "hashtags": ["orthopaedics", "ortho", "medstudent", "fracture"],
        "text": (
            "After a tibial shaft fracture, the earliest sign of acute compartment syndrome is pain out of "
            "proportion to the injury, worse on passive stretch of the toes. Pallor, pulselessness and paralysis "
            "come late. Split the cast and padding down to the skin and keep the leg at heart level. If the delta "
            "pressure, diastolic pressure minus compartment pressure, is below thirty millimetres of mercury, the "
            "patient needs an urgent four compartment fasciotomy. For an open fracture, give intravenous "
            "co-amoxiclav one point two grams within one hour, check tetanus status, photograph the wound and "
            "cover it with a saline soaked dressing. The Gustilo Anderson grade is given after debridement in "
            "theatre."
        ),
    },
    {
        "id": "test3_vasc_aneurysm", "split": "test3", "specialty": "vascular surgery",
        "title": "Aortic aneurysm screening and rupture", "caption": "The surveillance numbers and when EVAR "
        "comes in", "hashtags": ["vascularsurgery", "surgery", "medstudent", "finals"],
        "text": (
            "Men are offered a single abdominal ultrasound at sixty five. An abdominal aortic aneurysm of three "
            "to four point four centimetres is rescanned every year, and one of four point five to five point "
            "four every three months. At five point five centimetres, or growth of more than one centimetre in a "
            "year, or symptoms, refer for open repair or endovascular repair, EVAR. Rupture presents with back or "
            "flank pain, a pulsatile mass and collapse. Accept permissive hypotension with a systolic of seventy "
            "to ninety, call the massive haemorrhage protocol for O negative blood, and go straight to theatre. "
            "All patients should stop smoking and take a statin and aspirin."
        ),
    },
    {
        "id": "test3_surg_appendicitis", "split": "test3", "specialty": "general surgery",
        "title": "Appendicitis signs for your surgery rotation", "caption": "McBurney, Rovsing and the Alvarado "
        "score in 45 seconds", "hashtags": ["generalsurgery", "surgery", "medstudent", "appendicitis"],
        "text": (
            "Acute appendicitis classically starts as vague periumbilical pain that migrates to McBurney's point "
            "in the right iliac fossa, with anorexia, nausea and a low grade fever. Look for Rovsing's sign, pain "
            "in the right iliac fossa when you press on the left, and the psoas and obturator signs of a "
            "retrocaecal or pelvic appendix. The Alvarado score adds up symptoms, signs and a raised white cell "
            "count with a left shift. Always do a pregnancy test in women of childbearing age. Use ultrasound "
            "first in children and in pregnancy, and CT in most other adults. Treatment is laparoscopic "
            "appendicectomy, with a single dose of intravenous cefuroxime and metronidazole at induction."
        ),
    },
    {
        "id": "test3_immuno_angioedema", "split": "test3", "specialty": "allergy and immunology",
        "title": "Berinert vs Firazyr vs Takhzyro", "caption": "HAE is NOT anaphylaxis, here's why",
        "hashtags": ["immunology", "allergy", "medstudent", "angioedema"],
        "text": (
            "Hereditary angioedema is an autosomal dominant deficiency of C1 esterase inhibitor. It causes "
            "recurrent swelling of the face, lips, larynx and bowel, without urticaria or itch. The swelling is "
            "driven by bradykinin, not histamine, so adrenaline, chlorphenamine and hydrocortisone usually do "
            "not help. Screen with a C4 level, which is low, then measure the C1 inhibitor level and function. "
            "Treat an acute attack with intravenous C1 esterase inhibitor concentrate, twenty units per "
            "kilogram, or icatibant thirty milligrams subcutaneously, a bradykinin B2 receptor antagonist. For "
            "long term prophylaxis, use lanadelumab three hundred milligrams every two weeks, or oral "
            "berotralstat once daily. Remember that ACE inhibitors such as ramipril cause a similar bradykinin "
            "angioedema."
        ),
    },
    {
        "id": "test3_pharm_cyp3a4", "split": "test3", "specialty": "clinical pharmacology",
        "title": "CYP3A4 interactions you must know", "caption": "Why Zocor and a macrolide don't mix",
        "hashtags": ["pharmacology", "pharmacy", "medstudent", "druginteractions"],
        "text": (
            "Cytochrome P four fifty three A four metabolises about half of all drugs, so its inhibitors and "
            "inducers cause the classic interactions. Clarithromycin, itraconazole and ritonavir are strong "
            "inhibitors. With simvastatin they raise the risk of myopathy and rhabdomyolysis, so stop the statin "
            "for the course of clarithromycin. Grapefruit juice inhibits the same enzyme in the gut wall. Inducers "
            "such as rifampicin, carbamazepine, phenytoin and St John's wort lower the levels of ciclosporin, "
            "apixaban and the combined oral contraceptive pill, which may then fail. Induction takes one to two "
            "weeks to develop and up to four weeks to wear off, so recheck levels after stopping the inducer too."
        ),
    },
    {
        "id": "test3_genetics_marfan", "split": "test3", "specialty": "genetics",
        "title": "Marfan syndrome in 45 seconds", "caption": "Steinberg sign, Ghent criteria and why losartan",
        "hashtags": ["genetics", "cardiology", "medstudent", "marfan"],
        "text": (
            "Marfan syndrome is autosomal dominant, caused by mutations in the fibrillin one gene, F B N one, on "
            "chromosome fifteen. Look for tall stature with an arm span greater than height, arachnodactyly, "
            "pectus excavatum, and the thumb and wrist signs, also called the Steinberg and Walker Murdoch signs. "
            "Ectopia lentis is usually upward and outward, unlike homocystinuria, where the lens dislocates "
            "downward and inward. The revised Ghent criteria give most weight to aortic root dilatation and lens "
            "dislocation. The main killer is aortic dissection, so give a beta blocker such as atenolol, or the "
            "angiotensin receptor blocker losartan, repeat the echocardiogram every year, and refer for root "
            "replacement at about five centimetres."
        ),
    },
    {
        "id": "test3_pall_syringedriver", "split": "test3", "specialty": "palliative care",
        "title": "Syringe driver cheat sheet", "caption": "Oramorph, Buscopan and the death rattle",
        "hashtags": ["palliativecare", "endoflifecare", "medstudent", "FY1"],
        "text": (
            "In the last days of life, when a patient can no longer swallow, convert oral morphine to a "
            "subcutaneous infusion over twenty four hours in a syringe driver by halving the total daily dose. "
            "Sixty milligrams of oral morphine a day becomes thirty milligrams subcutaneously. Each breakthrough "
            "dose is one sixth of the daily dose. Prescribe anticipatory medicines for four symptoms: morphine "
            "for pain and breathlessness, midazolam two point five to five milligrams for agitation, "
            "levomepromazine or haloperidol for nausea, and hyoscine butylbromide twenty milligrams or "
            "glycopyrronium for respiratory secretions. In renal failure, use oxycodone or, if severe, alfentanil "
            "instead of morphine. Dilute cyclizine in water for injection, never in saline."
        ),
    },
    {
        "id": "test3_icu_septicshock", "split": "test3", "specialty": "critical care",
        "title": "Septic shock bundle, ICU edition", "caption": "Noradrenaline, vasopressin, hydrocortisone: when "
        "to add each", "hashtags": ["criticalcare", "ICU", "medstudent", "sepsis"],
        "text": (
            "In septic shock, take blood cultures and a lactate, then give broad spectrum antibiotics within one "
            "hour, such as piperacillin with tazobactam. Give thirty millilitres per kilogram of a balanced "
            "crystalloid, like Hartmann's solution or Plasma Lyte, for hypotension or a lactate above four. Start "
            "noradrenaline, peripherally at first if needed, aiming for a mean arterial pressure of sixty five. "
            "If noradrenaline rises above zero point two five micrograms per kilogram per minute, add vasopressin, "
            "and start hydrocortisone fifty milligrams every six hours. Start insulin if the glucose is above ten "
            "millimoles per litre, give enoxaparin for thromboprophylaxis, and reassess the lactate and capillary "
            "refill time within two hours."
        ),
    },
    {
        "id": "test3_tx_kidney", "split": "test3", "specialty": "transplant",
        "title": "Kidney transplant meds", "caption": "Prograf levels, CellCept side effects and PTLD",
        "hashtags": ["transplant", "nephrology", "medstudent", "pharmacology"],
        "text": (
            "After a kidney transplant, most patients receive induction with basiliximab, then triple therapy "
            "with tacrolimus, mycophenolate mofetil and prednisolone. Aim for a tacrolimus trough level of about "
            "five to ten nanograms per millilitre, taken twelve hours after the last dose. Tacrolimus causes "
            "tremor, new onset diabetes, hyperkalaemia and nephrotoxicity. Mycophenolate causes diarrhoea and "
            "leucopenia, and is teratogenic. Give co-trimoxazole against Pneumocystis pneumonia, and "
            "valganciclovir when the donor is cytomegalovirus positive and the recipient negative. Watch for BK "
            "virus nephropathy. A rising creatinine needs an ultrasound and often a biopsy, graded by the Banff "
            "classification."
        ),
    },
    {
        "id": "test3_travel_malaria", "split": "test3", "specialty": "travel medicine",
        "title": "Malaria in returning travellers", "caption": "Riamet, Malarone or doxy? Plus why quinine is out",
        "hashtags": ["travelmedicine", "tropicalmedicine", "medstudent", "malaria"],
        "text": (
            "Fever in a traveller back from sub Saharan Africa is falciparum malaria until proven otherwise. Send "
            "thick and thin blood films and a rapid antigen test, and repeat the films twice over the next "
            "forty eight hours if negative. Severe malaria, with a parasitaemia above two percent, impaired "
            "consciousness or acidosis, is treated with intravenous artesunate two point four milligrams per "
            "kilogram at zero, twelve and twenty four hours, then daily. Uncomplicated falciparum is treated with "
            "oral artemether lumefantrine or atovaquone proguanil. For vivax and ovale, add primaquine to clear "
            "the liver hypnozoites, after checking G6PD. For prophylaxis, doxycycline is continued for four "
            "weeks after return, atovaquone proguanil for only seven days."
        ),
    },
]

DIALOGUES += [
    {
        "id": "test3_dlg_osteoporosis", "split": "test3", "specialty": "geriatrics",
        "title": "Starting alendronic acid", "caption": "Bisphosphonate counselling after a fragility fracture",
        "hashtags": ["OSCE", "geriatrics"],
        "turns": [
            ("doctor", "Hello again. Your bone scan after the wrist fracture shows osteoporosis, so I would like "
                       "to start a weekly tablet called alendronic acid."),
            ("patient", "My sister takes that. She says it is fussy to take."),
            ("doctor", "It is. Take seventy milligrams once a week, first thing in the morning, with a full glass "
                       "of plain water, and stay upright for thirty minutes before you eat or drink anything else."),
            ("patient", "Why do I have to stay upright?"),
            ("doctor", "So the tablet does not irritate your gullet. Tell me if you get heartburn or pain on "
                       "swallowing. I will also prescribe calcium and vitamin D, to take at lunchtime."),
            ("patient", "Is there anything else I should know?"),
            ("doctor", "See your dentist for a check up before you start, as the jaw can rarely be affected. And "
                       "we will arrange a falls assessment, because you tripped on the stairs."),
        ],
    },
    {
        "id": "test3_dlg_jaundice", "split": "test3", "specialty": "neonatology",
        "title": "Yellow newborn", "caption": "Physiological vs pathological neonatal jaundice",
        "hashtags": ["OSCE", "neonatology"],
        "turns": [
            ("patient", "Doctor, my baby is three days old and her skin and eyes have gone yellow since yesterday."),
            ("doctor", "Thank you for bringing her in. Was the yellow there in her first twenty four hours?"),
            ("patient", "No, she was pink when we went home. She is breastfeeding every three hours."),
            ("doctor", "Good. Are her nappies wet, and what colour are her stools and urine?"),
            ("patient", "Six wet nappies a day, yellow stools, and the wee is pale."),
            ("doctor", "That is reassuring. I will check her bilirubin with a skin meter, and if it is high we "
                       "will take a small blood sample and plot it on a chart for her age."),
            ("patient", "What happens if it is too high?"),
            ("doctor", "She would have phototherapy, a blue light, on the ward, usually for a day or two. If the "
                       "yellow lasts beyond two weeks, or her stools turn pale, come back straight away."),
        ],
    },
    {
        "id": "test3_dlg_penicillin", "split": "test3", "specialty": "allergy and immunology",
        "title": "Penicillin allergy label", "caption": "Most labels are wrong: de-labelling in primary care",
        "hashtags": ["OSCE", "allergy"],
        "turns": [
            ("doctor", "Your notes say you are allergic to penicillin. Can you tell me what happened?"),
            ("patient", "My mum said I had a rash on amoxicillin when I was about four. I have avoided it since."),
            ("doctor", "Was it an itchy rash with swelling of the lips, or trouble breathing?"),
            ("patient", "No, I think it was just spots, a few days into the course, when I had a cold."),
            ("doctor", "That sounds like a viral rash rather than a true allergy. Most people with a label like "
                       "yours can take penicillin safely."),
            ("patient", "So can I have it for this chest infection?"),
            ("doctor", "For today I will give you doxycycline, two hundred milligrams on the first day, then one "
                       "hundred milligrams daily for four more days. I will refer you for an oral amoxicillin "
                       "challenge so we can remove the label."),
        ],
    },
]
