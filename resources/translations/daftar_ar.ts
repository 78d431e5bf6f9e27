<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Lines must name a third party</source>
        <translation>يجب أن تحدد الأسطر الغير</translation>
    </message>
    <message>
        <source>&amp;Number</source>
        <translation>ال&amp;رقم</translation>
    </message>
    <message>
        <source>Label (&amp;French)</source>
        <translation>التسمية (ب&amp;الفرنسية)</translation>
    </message>
    <message>
        <source>Label (&amp;English)</source>
        <translation>التسمية (با&amp;لإنجليزية)</translation>
    </message>
    <message>
        <source>Label (&amp;Arabic)</source>
        <translation>التسمية (&amp;بالعربية)</translation>
    </message>
    <message>
        <source>Account {0}</source>
        <translation>الحساب {0}</translation>
    </message>
    <message>
        <source>An account&apos;s number never changes.</source>
        <translation>رقم الحساب لا يتغير أبدًا.</translation>
    </message>
    <message>
        <source>New sub-account of {0}</source>
        <translation>حساب فرعي جديد لـ {0}</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>حساب جديد</translation>
    </message>
    <message>
        <source>The number is made of digits and does not start with 0.</source>
        <translation>يتكون الرقم من أرقام ولا يبدأ بـ 0.</translation>
    </message>
    <message>
        <source>The number must start with {0} and be longer.</source>
        <translation>يجب أن يبدأ الرقم بـ {0} وأن يكون أطول.</translation>
    </message>
    <message>
        <source>Account {0} already exists.</source>
        <translation>الحساب {0} موجود بالفعل.</translation>
    </message>
    <message>
        <source>The French label is required.</source>
        <translation>التسمية بالفرنسية إلزامية.</translation>
    </message>
</context>
<context>
    <name>AccountLinesWindow</name>
    <message>
        <source>Account {0}</source>
        <translation>الحساب {0}</translation>
    </message>
    <message>
        <source>up to {0}</source>
        <translation>حتى {0}</translation>
    </message>
    <message>
        <source>from {0} to {1}</source>
        <translation>من {0} إلى {1}</translation>
    </message>
    <message>
        <source>Balance at the start: {0}</source>
        <translation>الرصيد في البداية: {0}</translation>
    </message>
</context>
<context>
    <name>AllocationDialog</name>
    <message>
        <source>Allocate the result of {0}</source>
        <translation>تخصيص نتيجة السنة {0}</translation>
    </message>
    <message>
        <source>Reading the books…</source>
        <translation>جارٍ قراءة الدفاتر…</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>الحساب</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>General meeting of the:</source>
        <translation>الجمعية العامة بتاريخ:</translation>
    </message>
    <message>
        <source>&amp;Post the allocation</source>
        <translation>&amp;ترحيل التخصيص</translation>
    </message>
    <message>
        <source>Shares (the account without an amount takes the rest):</source>
        <translation>التوزيع (الحساب الذي لا مبلغ له يأخذ الباقي):</translation>
    </message>
    <message>
        <source>{0} made a profit of {1}, standing on 120 until it is allocated.</source>
        <translation>حققت السنة {0} ربحًا قدره {1}، مسجلًا في 120 إلى حين تخصيصه.</translation>
    </message>
    <message>
        <source>{0} made a loss of {1}, standing on 129 until it is allocated.</source>
        <translation>سجلت السنة {0} خسارة قدرها {1}، مسجلة في 129 إلى حين تخصيصها.</translation>
    </message>
    <message>
        <source>Left for the account without an amount: {0}</source>
        <translation>الباقي للحساب الذي لا مبلغ له: {0}</translation>
    </message>
    <message>
        <source>Posted as {0}-{1}.</source>
        <translation>رُحّل برقم {0}-{1}.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Posted entry {0} {1} of {2} — posted entries cannot be changed; reverse it to correct it</source>
        <translation>القيد المرحّل {0} {1} بتاريخ {2} — لا يمكن تعديل القيود المرحّلة؛ اعكسه لتصحيحه</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>New entry — not saved yet</source>
        <translation>قيد جديد — لم يُحفظ بعد</translation>
    </message>
</context>
<context>
    <name>ChartPage</name>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Search by number or label (Ctrl+F)</source>
        <translation>ابحث بالرقم أو التسمية (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="vanished">بحث</translation>
    </message>
    <message>
        <source>Add sub-account</source>
        <translation>إضافة حساب فرعي</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="vanished">تعديل</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="vanished">تعطيل</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">حذف</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>إلزامي</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="vanished">إعادة التفعيل</translation>
    </message>
    <message>
        <source>Account {0} opened.</source>
        <translation>فُتح الحساب {0}.</translation>
    </message>
    <message>
        <source>Account {0} reactivated.</source>
        <translation>أُعيد تفعيل الحساب {0}.</translation>
    </message>
    <message>
        <source>Account {0} deactivated: it takes no new lines.</source>
        <translation>عُطّل الحساب {0}: لا يقبل أسطرًا جديدة.</translation>
    </message>
    <message>
        <source>Delete account {0} {1}?</source>
        <translation>هل تحذف الحساب {0} {1}؟</translation>
    </message>
    <message>
        <source>Account {0} deleted.</source>
        <translation>حُذف الحساب {0}.</translation>
    </message>
    <message>
        <source>Chart of accounts</source>
        <translation>مدونة الحسابات</translation>
    </message>
</context>
<context>
    <name>CloudGroup</name>
    <message>
        <source>Daftar cloud</source>
        <translation>سحابة دفتر</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>الاتصال</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>الترخيص</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>This company&apos;s backup</source>
        <translation>النسخة الاحتياطية لهذه الشركة</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>اتصال…</translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation>تجديد الآن</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>نسخ احتياطي الآن</translation>
    </message>
    <message>
        <source>Disconnect this PC</source>
        <translation>فصل هذا الحاسوب</translation>
    </message>
    <message>
        <source>Send anonymous usage counts (counts only)</source>
        <translation>إرسال عدّادات استخدام مجهولة (أعداد فقط)</translation>
    </message>
    <message>
        <source>Show what would be sent…</source>
        <translation>عرض ما سيُرسل…</translation>
    </message>
    <message>
        <source>Offline activation: write a request…</source>
        <translation>تفعيل دون اتصال: كتابة طلب…</translation>
    </message>
    <message>
        <source>Apply a response…</source>
        <translation>تطبيق ردّ…</translation>
    </message>
    <message>
        <source>Not connected. The books work fully without the cloud; connect to back them up and keep the licence current.</source>
        <translation>غير متصل. تعمل الدفاتر بالكامل دون السحابة؛ اتصل لنسخها احتياطيًا وإبقاء الترخيص ساريًا.</translation>
    </message>
    <message>
        <source>activated offline, by files</source>
        <translation>مُفعّل دون اتصال، بواسطة ملفات</translation>
    </message>
    <message>
        <source>{0}, as “{1}”</source>
        <translation>{0}، باسم «{1}»</translation>
    </message>
    <message>
        <source>{0}, {1} seat(s), lease until {2}</source>
        <translation>{0}، {1} مقعد، الإيجار حتى {2}</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Grace period: check in soon</source>
        <translation>فترة سماح: جدّد قريبًا</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>للقراءة فقط</translation>
    </message>
    <message>
        <source>Last attempt: {0}</source>
        <translation>آخر محاولة: {0}</translation>
    </message>
    <message>
        <source>Never backed up from this PC</source>
        <translation>لم يُنسخ احتياطيًا من هذا الحاسوب قط</translation>
    </message>
    <message>
        <source>Last good backup on {0} — older than two days</source>
        <translation>آخر نسخة احتياطية ناجحة في {0} — منذ أكثر من يومين</translation>
    </message>
    <message>
        <source>Last good backup on {0}</source>
        <translation>آخر نسخة احتياطية ناجحة في {0}</translation>
    </message>
    <message>
        <source>Free this PC&apos;s seat and stop backing up from it? The books stay on this PC.</source>
        <translation>تحرير مقعد هذا الحاسوب وإيقاف النسخ الاحتياطي منه؟ تبقى الدفاتر على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Offline activation</source>
        <translation>تفعيل دون اتصال</translation>
    </message>
    <message>
        <source>Licence key</source>
        <translation>مفتاح الترخيص</translation>
    </message>
    <message>
        <source>Activation request</source>
        <translation>طلب التفعيل</translation>
    </message>
    <message>
        <source>Activation response</source>
        <translation>ردّ التفعيل</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>Company details</source>
        <translation>بيانات الشركة</translation>
    </message>
    <message>
        <source>N&amp;IF (SIREN or SIRET)</source>
        <translation>رقم التعريف ال&amp;جبائي (SIREN أو SIRET)</translation>
    </message>
    <message>
        <source>N&amp;IF (tax number)</source>
        <translation>رقم التعريف ال&amp;جبائي (NIF)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>الا&amp;سم</translation>
    </message>
    <message>
        <source>NI&amp;S (statistical number)</source>
        <translation>رقم التعريف الإ&amp;حصائي (NIS)</translation>
    </message>
    <message>
        <source>&amp;RC (trade register)</source>
        <translation>رقم السجل ال&amp;تجاري (RC)</translation>
    </message>
    <message>
        <source>&amp;AI (tax article)</source>
        <translation>رقم ال&amp;مادة الجبائية (AI)</translation>
    </message>
    <message>
        <source>A&amp;ddress</source>
        <translation>ال&amp;عنوان</translation>
    </message>
    <message>
        <source>The chart of accounts and the currency are chosen when the company is created and cannot be changed.</source>
        <translation>يُختار مخطط الحسابات والعملة عند إنشاء الشركة ولا يمكن تغييرهما بعد ذلك.</translation>
    </message>
    <message>
        <source>The company needs a name.</source>
        <translation>يجب أن يكون للشركة اسم.</translation>
    </message>
    <message>
        <source>5 to 30 letters, digits, spaces and / - . signs.</source>
        <translation>من 5 إلى 30 حرفًا أو رقمًا أو مسافة أو علامة / - .</translation>
    </message>
    <message>
        <source>A trade register number is 5 to 30 letters, digits, spaces and / - . signs.</source>
        <translation type="vanished">يتكون رقم السجل التجاري من 5 إلى 30 حرفًا ورقمًا ومسافة وعلامة / - .</translation>
    </message>
    <message>
        <source>The {0} is made of digits only.</source>
        <translation>يتكون {0} من أرقام فقط.</translation>
    </message>
    <message>
        <source>A SIREN has 9 digits and a SIRET 14; this number has {0}.</source>
        <translation>يتكون SIREN من 9 أرقام وSIRET من 14؛ وهذا الرقم فيه {0}.</translation>
    </message>
    <message>
        <source>This is not a SIREN or SIRET: its check digit is wrong.</source>
        <translation>هذا ليس رقم SIREN ولا SIRET: رقم التحقق فيه خاطئ.</translation>
    </message>
    <message>
        <source>The {0} has {1} digits; this number has {2}.</source>
        <translation>يتكون {0} من {1} رقمًا؛ وهذا الرقم فيه {2}.</translation>
    </message>
</context>
<context>
    <name>CompanyWizard</name>
    <message>
        <source>Create a company</source>
        <translation>إنشاء شركة</translation>
    </message>
    <message>
        <source>The company</source>
        <translation>الشركة</translation>
    </message>
    <message>
        <source>Its name is required; the legal identifiers can be added later.</source>
        <translation>الاسم إلزامي؛ يمكن إضافة المعرّفات القانونية لاحقًا.</translation>
    </message>
    <message>
        <source>Company &amp;name:</source>
        <translation>ا&amp;سم الشركة:</translation>
    </message>
    <message>
        <source>NI&amp;F (tax identification number):</source>
        <translation>رقم التعريف ال&amp;جبائي (NIF):</translation>
    </message>
    <message>
        <source>NI&amp;S (statistical identification number):</source>
        <translation>رقم التعريف الإ&amp;حصائي (NIS):</translation>
    </message>
    <message>
        <source>&amp;RC (trade register):</source>
        <translation>رقم السجل ال&amp;تجاري (RC):</translation>
    </message>
    <message>
        <source>&amp;AI (tax article):</source>
        <translation>&amp;رقم المادة الجبائية (AI):</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>العن&amp;وان:</translation>
    </message>
    <message>
        <source>The {0} is made of digits only; remove the letters, spaces or signs.</source>
        <translation>يتكون {0} من أرقام فقط؛ احذف الحروف أو المسافات أو الرموز.</translation>
    </message>
    <message>
        <source>The books</source>
        <translation>الدفاتر</translation>
    </message>
    <message>
        <source>The currency and the chart cannot be changed once the company exists.</source>
        <translation>لا يمكن تغيير العملة ولا مدونة الحسابات بعد إنشاء الشركة.</translation>
    </message>
    <message>
        <source>&amp;SCF — Système comptable financier</source>
        <translation>&amp;SCF — النظام المحاسبي المالي</translation>
    </message>
    <message>
        <source>&amp;PCG — Plan comptable général</source>
        <translation>&amp;PCG — المخطط المحاسبي العام الفرنسي</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>ال&amp;عملة:</translation>
    </message>
    <message>
        <source>Chart of accounts:</source>
        <translation>مدونة الحسابات:</translation>
    </message>
    <message>
        <source>The Algerian chart (law 07-11), for companies keeping their books in Algeria.</source>
        <translation>المدونة الجزائرية (القانون 07-11)، للشركات التي تمسك محاسبتها في الجزائر.</translation>
    </message>
    <message>
        <source>The French chart (ANC regulation 2014-03), for companies keeping their books in France.</source>
        <translation>المخطط الفرنسي (نظام ANC 2014-03)، للشركات التي تمسك محاسبتها في فرنسا.</translation>
    </message>
    <message>
        <source>First fiscal year &amp;starts on:</source>
        <translation>تبدأ السنة المالية الأولى &amp;في:</translation>
    </message>
    <message>
        <source>First fiscal year &amp;ends on:</source>
        <translation>&amp;تنتهي السنة المالية الأولى في:</translation>
    </message>
    <message>
        <source>The first fiscal year must end after it starts.</source>
        <translation>يجب أن تنتهي السنة المالية الأولى بعد بدايتها.</translation>
    </message>
    <message>
        <source>The first fiscal year may last at most 24 months: starting on {0}, it ends on {1} at the latest.</source>
        <translation>لا تتجاوز مدة السنة المالية الأولى 24 شهرًا: إذ تبدأ في {0}، فإنها تنتهي في {1} على الأكثر.</translation>
    </message>
    <message>
        <source>Twelve months, from {0} to {1}.</source>
        <translation>اثنا عشر شهرًا، من {0} إلى {1}.</translation>
    </message>
    <message>
        <source>A short first year, from {0} to {1}; the years after it last twelve months.</source>
        <translation>سنة مالية أولى قصيرة، من {0} إلى {1}؛ والسنوات التالية مدتها اثنا عشر شهرًا.</translation>
    </message>
    <message>
        <source>A long first year, from {0} to {1}; the years after it last twelve months.</source>
        <translation>سنة مالية أولى طويلة، من {0} إلى {1}؛ والسنوات التالية مدتها اثنا عشر شهرًا.</translation>
    </message>
    <message>
        <source>The company file</source>
        <translation>ملف الشركة</translation>
    </message>
    <message>
        <source>All the books of the company live in this one encrypted file.</source>
        <translation>كل دفاتر الشركة محفوظة في هذا الملف المشفّر الواحد.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>ت&amp;صفح…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>المج&amp;لد:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>اسم ال&amp;ملف:</translation>
    </message>
    <message>
        <source>The file needs a name.</source>
        <translation>يجب أن يكون للملف اسم.</translation>
    </message>
    <message>
        <source>A file name cannot contain any of &lt; &gt; : &quot; / \ | ? *</source>
        <translation>لا يمكن أن يحتوي اسم الملف على أي من: &lt; &gt; : &quot; / \ | ? *</translation>
    </message>
    <message>
        <source>The file needs a folder.</source>
        <translation>يجب أن يكون للملف مجلد.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder.</source>
        <translation>{0} ملف وليس مجلدًا.</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation type="vanished">المجلد {0} غير موجود.</translation>
    </message>
    <message>
        <source>{0} already exists in this folder. Choose another name: Daftar never overwrites a company file.</source>
        <translation>{0} موجود بالفعل في هذا المجلد. اختر اسمًا آخر: دفتر لا يكتب أبدًا فوق ملف شركة.</translation>
    </message>
    <message>
        <source>Folder of the company file</source>
        <translation>مجلد ملف الشركة</translation>
    </message>
    <message>
        <source>Create the folder?</source>
        <translation>إنشاء المجلد؟</translation>
    </message>
    <message>
        <source>The folder {0} does not exist. Create it?</source>
        <translation>المجلد {0} غير موجود. هل تريد إنشاءه؟</translation>
    </message>
    <message>
        <source>The folder {0} could not be created: {1}</source>
        <translation>تعذّر إنشاء المجلد {0}: {1}</translation>
    </message>
    <message>
        <source>Protecting the file</source>
        <translation>حماية الملف</translation>
    </message>
    <message>
        <source>The file is encrypted. Choose where its key is kept on this computer.</source>
        <translation>الملف مشفّر. اختر أين يُحفظ مفتاحه على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>إ&amp;نشاء</translation>
    </message>
    <message>
        <source>Creating the company: its chart of accounts, journals and first fiscal year…</source>
        <translation>جارٍ إنشاء الشركة: مدونة حساباتها ويومياتها وسنتها المالية الأولى…</translation>
    </message>
    <message>
        <source>Creating the company…</source>
        <translation type="vanished">جارٍ إنشاء الشركة…</translation>
    </message>
    <message>
        <source>The company was not created, and nothing was left on disk: {0}</source>
        <translation>لم تُنشأ الشركة، ولم يُترك أي شيء على القرص: {0}</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect this PC to the Daftar cloud</source>
        <translation>ربط هذا الحاسوب بسحابة دفتر</translation>
    </message>
    <message>
        <source>only for a service of your own</source>
        <translation>لخدمتك الخاصة فقط</translation>
    </message>
    <message>
        <source>the system&apos;s settings</source>
        <translation>إعدادات النظام</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>عنوان الخدمة</translation>
    </message>
    <message>
        <source>Licence key</source>
        <translation>مفتاح الترخيص</translation>
    </message>
    <message>
        <source>Name of this PC</source>
        <translation>اسم هذا الحاسوب</translation>
    </message>
    <message>
        <source>Trusted key id</source>
        <translation>معرّف المفتاح الموثوق</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>الوكيل</translation>
    </message>
    <message>
        <source>Give the service&apos;s address and the licence key.</source>
        <translation>أدخل عنوان الخدمة ومفتاح الترخيص.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Overview</source>
        <translation>نظرة عامة</translation>
    </message>
    <message>
        <source>Revenue and expenses by month</source>
        <translation>المنتوجات والأعباء حسب الشهر</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Cash and bank</source>
        <translation>الخزينة والبنك</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>الحقوق</translation>
    </message>
    <message>
        <source>Payables</source>
        <translation>الديون</translation>
    </message>
    <message>
        <source>Result of the year to date</source>
        <translation>نتيجة السنة حتى اليوم</translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation>الضرائب والرسوم</translation>
    </message>
    <message>
        <source>Drafts to post</source>
        <translation>مسودات في انتظار الترحيل</translation>
    </message>
    <message>
        <source>As of {0}</source>
        <translation>في {0}</translation>
    </message>
    <message>
        <source>Locked up to {0}</source>
        <translation>مقفل حتى {0}</translation>
    </message>
    <message>
        <source>1 recurring entry due</source>
        <translation>قيد دوري واحد مستحق</translation>
    </message>
    <message>
        <source>{0} recurring entries due</source>
        <translation>{0} قيود دورية مستحقة</translation>
    </message>
    <message>
        <source>Propose…</source>
        <translation>اقتراح…</translation>
    </message>
    <message>
        <source>and {0} more</source>
        <translation>و{0} أخرى</translation>
    </message>
    <message>
        <source>No bank or cash movement yet</source>
        <translation>لا توجد حركة بنك أو صندوق بعد</translation>
    </message>
    <message>
        <source>Owed by customers</source>
        <translation>مستحقات على الزبائن</translation>
    </message>
    <message>
        <source>Owed to suppliers</source>
        <translation>ديون للموردين</translation>
    </message>
    <message>
        <source>Owed to the State</source>
        <translation>مستحق للدولة</translation>
    </message>
    <message>
        <source>Credit with the State</source>
        <translation>مستحقات لدى الدولة</translation>
    </message>
    <message>
        <source>Revenue {0} − expenses {1}</source>
        <translation>المنتوجات {0} − الأعباء {1}</translation>
    </message>
    <message>
        <source>Since {0}</source>
        <translation>منذ {0}</translation>
    </message>
    <message>
        <source>Entries posted up to {0}</source>
        <translation>القيود المرحّلة حتى {0}</translation>
    </message>
    <message>
        <source>Last posted entry on {0}</source>
        <translation type="vanished">آخر قيد مرحّل في {0}</translation>
    </message>
    <message>
        <source>Nothing posted yet</source>
        <translation>لم يُرحّل شيء بعد</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>المنتوجات</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation>الأعباء</translation>
    </message>
    <message>
        <source>No revenue or expenses posted this year yet</source>
        <translation>لم تُرحّل منتوجات أو أعباء هذه السنة بعد</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>اليومية</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>رقم</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>البيان</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Total debit. Sorting by it adds up every entry&apos;s lines, so each page is slower on a large file.</source>
        <translation>مجموع المدين. الفرز حسبه يجمع أسطر كل قيد، فتصبح كل صفحة أبطأ في ملف كبير.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>مرحّل</translation>
    </message>
</context>
<context>
    <name>EntriesPage</name>
    <message>
        <source>All journals</source>
        <translation>كل اليوميات</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>كل التواريخ</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>السنة المالية</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>هذا الشهر</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>مخصصة</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>المسودات</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>المرحّلة</translation>
    </message>
    <message>
        <source>e.g. 411</source>
        <translation>مثلًا 411</translation>
    </message>
    <message>
        <source>exact amount</source>
        <translation>المبلغ بالضبط</translation>
    </message>
    <message>
        <source>Search labels and references (Ctrl+F)</source>
        <translation>ابحث في البيانات والمراجع (Ctrl+F)</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>قيد جديد</translation>
    </message>
    <message>
        <source>New entry (Ctrl+N)</source>
        <translation>قيد جديد (Ctrl+N)</translation>
    </message>
    <message>
        <source>Recurring entries…</source>
        <translation type="vanished">القيود الدورية…</translation>
    </message>
    <message>
        <source>Templates proposed as drafts when due (Ctrl+Shift+R)</source>
        <translation type="vanished">نماذج تُقترح مسودات عند استحقاقها (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Make recurring…</source>
        <translation>جعله دوريًا…</translation>
    </message>
    <message>
        <source>A recurring template from the selected entry</source>
        <translation>نموذج دوري من القيد المحدد</translation>
    </message>
    <message>
        <source>Recurring</source>
        <translation type="vanished">الدورية</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>ال&amp;يومية</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>ال&amp;فترة</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;من</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>إ&amp;لى</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>ال&amp;حالة</translation>
    </message>
    <message>
        <source>Entry {0}</source>
        <translation>القيد {0}</translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation>ال&amp;حساب</translation>
    </message>
    <message>
        <source>A&amp;mount</source>
        <translation>الم&amp;بلغ</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>لم يُطبَّق: {0}</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>جارٍ العدّ…</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>قيد واحد</translation>
    </message>
    <message>
        <source>{0} entries</source>
        <translation>عدد القيود: {0}</translation>
    </message>
</context>
<context>
    <name>EntryDialogs</name>
    <message>
        <source>Unsaved changes</source>
        <translation>تعديلات غير محفوظة</translation>
    </message>
    <message>
        <source>This entry has changes that are not saved.</source>
        <translation>في هذا القيد تعديلات غير محفوظة.</translation>
    </message>
    <message>
        <source>Save them as a draft?</source>
        <translation>هل تحفظها كمسودة؟</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>&amp;Journal</source>
        <translation type="vanished">ال&amp;يومية</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="vanished">ال&amp;تاريخ</translation>
    </message>
    <message>
        <source>&amp;Reference</source>
        <translation type="vanished">الم&amp;رجع</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation type="vanished">ال&amp;بيان</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;ترحيل</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>&amp;حفظ المسودة</translation>
    </message>
    <message>
        <source>&amp;New line</source>
        <translation>سطر &amp;جديد</translation>
    </message>
    <message>
        <source>Re&amp;move line</source>
        <translation>حذف ال&amp;سطر</translation>
    </message>
    <message>
        <source>&amp;Balance</source>
        <translation>&amp;موازنة</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>ت&amp;كرار</translation>
    </message>
    <message>
        <source>&amp;Reverse…</source>
        <translation>&amp;عكس…</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>&amp;حذف المسودة</translation>
    </message>
    <message>
        <source>New &amp;entry</source>
        <translation>قيد &amp;جديد</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>قيد جديد</translation>
    </message>
    <message>
        <source>Draft — {0}</source>
        <translation>مسودة — {0}</translation>
    </message>
    <message>
        <source>Posted entry {0} {1} of {2} — posted entries cannot be changed; reverse it to correct it</source>
        <translation type="vanished">القيد المرحّل {0} {1} بتاريخ {2} — لا يمكن تعديل القيود المرحّلة؛ اعكسه لتصحيحه</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="vanished">مسودة</translation>
    </message>
    <message>
        <source>New entry — not saved yet</source>
        <translation type="vanished">قيد جديد — لم يُحفظ بعد</translation>
    </message>
    <message>
        <source>Account {0} needs a third party</source>
        <translation>الحساب {0} يتطلب تحديد الغير</translation>
    </message>
    <message>
        <source>The entry was not posted:</source>
        <translation>لم يُرحّل القيد:</translation>
    </message>
    <message>
        <source>The draft was not saved:</source>
        <translation>لم تُحفظ المسودة:</translation>
    </message>
    <message>
        <source>Posted as {0} {1}.</source>
        <translation>رُحّل برقم {0} {1}.</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>حُفظت المسودة.</translation>
    </message>
    <message>
        <source>The entry was not reversed:</source>
        <translation>لم يُعكس القيد:</translation>
    </message>
    <message>
        <source>Reversed by {0} {1}.</source>
        <translation>عُكس بالقيد {0} {1}.</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>حذف المسودة</translation>
    </message>
    <message>
        <source>Delete this draft? It cannot be brought back.</source>
        <translation>هل تحذف هذه المسودة؟ لا يمكن استرجاعها.</translation>
    </message>
    <message>
        <source>The draft was not deleted:</source>
        <translation>لم تُحذف المسودة:</translation>
    </message>
    <message>
        <source>The entry does not balance: debit {0}, credit {1}, difference {2}</source>
        <translation type="vanished">القيد غير متوازن: المدين {0}، الدائن {1}، الفرق {2}</translation>
    </message>
    <message>
        <source>Line {0}: {1}</source>
        <translation>السطر {0}: {1}</translation>
    </message>
</context>
<context>
    <name>EntryHeader</name>
    <message>
        <source>What the entry records</source>
        <translation>ما يسجّله القيد</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>ال&amp;يومية</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>ال&amp;تاريخ</translation>
    </message>
    <message>
        <source>&amp;Reference</source>
        <translation>الم&amp;رجع</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>ال&amp;بيان</translation>
    </message>
</context>
<context>
    <name>EntryLinesModel</name>
    <message>
        <source>Account</source>
        <translation>الحساب</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>البيان</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>مدين</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>دائن</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>الرسم</translation>
    </message>
</context>
<context>
    <name>Importing</name>
    <message>
        <source>Import a journal</source>
        <translation>استيراد يومية</translation>
    </message>
    <message>
        <source>CSV journals (*.csv);;All files (*)</source>
        <translation>يوميات CSV (*.csv);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>{0} lines read and checked…</source>
        <translation>تمت قراءة {0} سطر والتحقق منها…</translation>
    </message>
    <message>
        <source>{0} entries ({1} lines) from {2} were posted.</source>
        <translation>تم ترحيل {0} قيد ({1} سطر) من {2}.</translation>
    </message>
    <message>
        <source>Accounts opened: {0}.</source>
        <translation>الحسابات المفتوحة: {0}.</translation>
    </message>
    <message>
        <source>Fiscal years opened: {0}.</source>
        <translation>السنوات المالية المفتوحة: {0}.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Importing {0}</source>
        <translation>استيراد {0}</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <source>&amp;Code</source>
        <translation>ال&amp;رمز</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>ال&amp;تسمية</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>ال&amp;نوع</translation>
    </message>
    <message>
        <source>New journal</source>
        <translation>يومية جديدة</translation>
    </message>
    <message>
        <source>Journal {0}</source>
        <translation>اليومية {0}</translation>
    </message>
    <message>
        <source>A journal&apos;s code numbers its entries and never changes.</source>
        <translation>رمز اليومية يرقّم قيودها ولا يتغير أبدًا.</translation>
    </message>
    <message>
        <source>The code is required.</source>
        <translation>الرمز إلزامي.</translation>
    </message>
    <message>
        <source>The code is 1 to {0} capital letters or digits.</source>
        <translation>يتكون الرمز من 1 إلى {0} من الحروف اللاتينية الكبيرة أو الأرقام.</translation>
    </message>
    <message>
        <source>A journal with the code {0} already exists.</source>
        <translation>توجد يومية بالرمز {0}.</translation>
    </message>
    <message>
        <source>The label is required.</source>
        <translation>التسمية إلزامية.</translation>
    </message>
</context>
<context>
    <name>JournalsGroup</name>
    <message>
        <source>Journals</source>
        <translation>اليوميات</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Ne&amp;w journal…</source>
        <translation>يومية &amp;جديدة…</translation>
    </message>
    <message>
        <source>Ed&amp;it journal…</source>
        <translation>تعديل الي&amp;ومية…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>تعط&amp;يل</translation>
    </message>
    <message>
        <source>A deactivated journal keeps its entries and takes no new ones.</source>
        <translation>تحتفظ اليومية المعطّلة بقيودها ولا تقبل قيودًا جديدة.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشطة</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>معطّلة</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>إعادة التفع&amp;يل</translation>
    </message>
</context>
<context>
    <name>KeyProtection</name>
    <message>
        <source>In this computer&apos;s &amp;credential store (recommended)</source>
        <translation>في &amp;مخزن بيانات الاعتماد لهذا الحاسوب (مستحسن)</translation>
    </message>
    <message>
        <source>The system keeps the key for your user account: the file opens without typing anything.</source>
        <translation>يحفظ النظام المفتاح لحساب المستخدم الخاص بك: يُفتح الملف دون كتابة أي شيء.</translation>
    </message>
    <message>
        <source>Not available: this computer has no credential store Daftar can use.</source>
        <translation>غير متاح: لا يوجد على هذا الحاسوب مخزن بيانات اعتماد يمكن لدفتر استعماله.</translation>
    </message>
    <message>
        <source>From a &amp;passphrase typed at each opening (shared computers)</source>
        <translation>من &amp;عبارة مرور تُكتب عند كل فتح (الحواسيب المشتركة)</translation>
    </message>
    <message>
        <source>In a &amp;key file you keep safe</source>
        <translation>في &amp;ملف مفتاح تحفظه في مكان آمن</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>ا&amp;ختيار…</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>عبارة ال&amp;مرور:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;مرة أخرى:</translation>
    </message>
    <message>
        <source>Key &amp;file:</source>
        <translation>م&amp;لف المفتاح:</translation>
    </message>
    <message>
        <source>The passphrase needs at least {0} characters (it has {1}).</source>
        <translation>يجب أن تتكون عبارة المرور من {0} حرفًا على الأقل (فيها {1}).</translation>
    </message>
    <message>
        <source>The two passphrases differ; type the same one twice.</source>
        <translation>عبارتا المرور مختلفتان؛ اكتب العبارة نفسها مرتين.</translation>
    </message>
    <message>
        <source>Choose where to keep the key file.</source>
        <translation>اختر أين تحفظ ملف المفتاح.</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>المجلد {0} غير موجود.</translation>
    </message>
    <message>
        <source>The key file cannot be the company file itself.</source>
        <translation>لا يمكن أن يكون ملف المفتاح هو ملف الشركة نفسه.</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>ملف المفتاح</translation>
    </message>
    <message>
        <source>Key files (*.key)</source>
        <translation>ملفات المفاتيح (*.key)</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>القيد</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>البيان</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>مدين</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>دائن</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>الرصيد</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Welcome</source>
        <translation>الترحيب</translation>
    </message>
    <message>
        <source>{0} no longer exists; it is removed from the recent files.</source>
        <translation>{0} لم يعد موجودًا؛ أُزيل من الملفات الأخيرة.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;New company…</source>
        <translation>شركة &amp;جديدة…</translation>
    </message>
    <message>
        <source>&amp;Open company…</source>
        <translation>&amp;فتح شركة…</translation>
    </message>
    <message>
        <source>Open the &amp;demo company</source>
        <translation>فتح الشركة ال&amp;تجريبية</translation>
    </message>
    <message>
        <source>&amp;Restore a company from the cloud…</source>
        <translation>ا&amp;ستعادة شركة من السحابة…</translation>
    </message>
    <message>
        <source>&amp;Close company</source>
        <translation>إ&amp;غلاق الشركة</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Entries</source>
        <translation>ال&amp;قيود</translation>
    </message>
    <message>
        <source>&amp;New entry</source>
        <translation>قيد &amp;جديد</translation>
    </message>
    <message>
        <source>&amp;Import a journal (CSV)…</source>
        <translation>ا&amp;ستيراد يومية (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Recurring entries…</source>
        <translation>القيود ال&amp;دورية…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>ا&amp;نتقال</translation>
    </message>
    <message>
        <source>Next company</source>
        <translation>الشركة التالية</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>ا&amp;ختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Check for &amp;updates</source>
        <translation>البحث عن &amp;تحديثات</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="vanished">اختصارات لوحة المفاتيح</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <source>first, e.g. 4</source>
        <translation>الأول، مثلًا 4</translation>
    </message>
    <message>
        <source>last, e.g. 419</source>
        <translation>الأخير، مثلًا 419</translation>
    </message>
    <message>
        <source>All journals</source>
        <translation>كل اليوميات</translation>
    </message>
    <message>
        <source>Receivables (owed by customers)</source>
        <translation>الحقوق (مستحقات على الزبائن)</translation>
    </message>
    <message>
        <source>Payables (owed to suppliers)</source>
        <translation>الديون (مستحقة للموردين)</translation>
    </message>
    <message>
        <source>Show the &amp;open lines</source>
        <translation>إظهار السطور &amp;غير المرصدة</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>ال&amp;تقرير:</translation>
    </message>
    <message>
        <source>Rep&amp;ort:</source>
        <translation type="vanished">ال&amp;تقرير:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="vanished">&amp;من:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>إ&amp;لى:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>التواريخ:</translation>
    </message>
    <message>
        <source>&amp;Accounts:</source>
        <translation type="vanished">ال&amp;حسابات:</translation>
    </message>
    <message>
        <source>&amp;Journal:</source>
        <translation>ال&amp;يومية:</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation type="vanished">&amp;في:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>ا&amp;بتداءً من:</translation>
    </message>
    <message>
        <source>A&amp;ccounts:</source>
        <translation>ال&amp;حسابات:</translation>
    </message>
    <message>
        <source>&amp;Side:</source>
        <translation>ال&amp;جهة:</translation>
    </message>
    <message>
        <source>A&amp;t:</source>
        <translation>&amp;في:</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>تاريخ النهاية يسبق تاريخ البداية.</translation>
    </message>
    <message>
        <source>The dates cross the end of the fiscal year on {0}: choose dates within one fiscal year.</source>
        <translation>التواريخ تتجاوز نهاية السنة المالية في {0}: اختر تواريخ داخل سنة مالية واحدة.</translation>
    </message>
    <message>
        <source>The last account comes before the first.</source>
        <translation>الحساب الأخير يأتي قبل الأول.</translation>
    </message>
    <message>
        <source>At {0}</source>
        <translation>في {0}</translation>
    </message>
    <message>
        <source>From {0} to {1}</source>
        <translation>من {0} إلى {1}</translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <source>The invoices of this third party fall due this many days after their date, unless they give a due date. Leave blank for none.</source>
        <translation>تستحق فواتير هذا الغير بعد هذا العدد من الأيام من تاريخها، ما لم تحمل تاريخ استحقاق. اتركه فارغًا إن لم يكن هناك أجل.</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>ال&amp;رمز</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>الا&amp;سم</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>ال&amp;نوع</translation>
    </message>
    <message>
        <source>N&amp;IF (tax number)</source>
        <translation>رقم التعريف ال&amp;جبائي (NIF)</translation>
    </message>
    <message>
        <source>NI&amp;S (statistical number)</source>
        <translation>رقم التعريف الإ&amp;حصائي (NIS)</translation>
    </message>
    <message>
        <source>&amp;RC (trade register)</source>
        <translation>رقم السجل ال&amp;تجاري (RC)</translation>
    </message>
    <message>
        <source>&amp;AI (tax article)</source>
        <translation>رقم ال&amp;مادة الجبائية (AI)</translation>
    </message>
    <message>
        <source>A&amp;ddress</source>
        <translation>ال&amp;عنوان</translation>
    </message>
    <message>
        <source>&amp;Payment terms (days)</source>
        <translation>أجل ال&amp;دفع (أيام)</translation>
    </message>
    <message>
        <source>New third party</source>
        <translation>غير جديد</translation>
    </message>
    <message>
        <source>Third party {0}</source>
        <translation>الغير {0}</translation>
    </message>
    <message>
        <source>A third party&apos;s code never changes.</source>
        <translation>رمز الغير لا يتغير أبدًا.</translation>
    </message>
    <message>
        <source>The code is required.</source>
        <translation>الرمز إلزامي.</translation>
    </message>
    <message>
        <source>The code has no spaces.</source>
        <translation>لا يحتوي الرمز على مسافات.</translation>
    </message>
    <message>
        <source>A third party with the code {0} already exists.</source>
        <translation>يوجد غير بالرمز {0} بالفعل.</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>الاسم إلزامي.</translation>
    </message>
    <message>
        <source>The NIF is made of digits only.</source>
        <translation>يتكون رقم التعريف الجبائي من أرقام فقط.</translation>
    </message>
    <message>
        <source>The NIS is made of digits only.</source>
        <translation>يتكون رقم التعريف الإحصائي من أرقام فقط.</translation>
    </message>
</context>
<context>
    <name>PartyModel</name>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>NIF</source>
        <translation>NIF</translation>
    </message>
    <message>
        <source>NIS</source>
        <translation>NIS</translation>
    </message>
    <message>
        <source>RC</source>
        <translation>RC</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Terms (days)</source>
        <translation>الأجل (أيام)</translation>
    </message>
    <message>
        <source>Payment terms: days from the invoice to its due date</source>
        <translation>أجل الدفع: الأيام من الفاتورة إلى تاريخ استحقاقها</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <source>Propose due drafts</source>
        <translation>اقتراح المسودات المستحقة</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>النموذج</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Can be drafted</source>
        <translation>ممكن</translation>
    </message>
    <message>
        <source>&amp;Draft them</source>
        <translation>إ&amp;نشاء المسودات</translation>
    </message>
    <message>
        <source>Draft them (Ctrl+Return)</source>
        <translation>إنشاء المسودات (Ctrl+Return)</translation>
    </message>
    <message>
        <source>&amp;Up to</source>
        <translation>&amp;حتى</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>Nothing is due up to {0}.</source>
        <translation>لا شيء مستحق حتى {0}.</translation>
    </message>
    <message>
        <source>{0} of the {1} entries due cannot be drafted: nothing will be drafted until that is fixed.</source>
        <translation>لا يمكن إنشاء {0} من أصل {1} قيود مستحقة: لن تُنشأ أي مسودة حتى يُصحَّح ذلك.</translation>
    </message>
    <message>
        <source>{0} drafts will be made. They are not posted.</source>
        <translation>ستُنشأ {0} مسودات. لن تُرحَّل.</translation>
    </message>
    <message>
        <source>{0} drafts made; they await posting in the Entries page.</source>
        <translation>أُنشئت {0} مسودات؛ وهي في انتظار الترحيل في صفحة القيود.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyBox</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;نسخ</translation>
    </message>
    <message>
        <source>&amp;Save as text…</source>
        <translation>&amp;حفظ كنص…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;طباعة…</translation>
    </message>
    <message>
        <source>Daftar recovery key
Company: {0}
Created on: {1}

{2}

This key opens the company file on any computer. Keep it somewhere safe, away from the file.
</source>
        <translation>مفتاح الاسترجاع لدفتر
الشركة: {0}
أُنشئ في: {1}

{2}

هذا المفتاح يفتح ملف الشركة على أي حاسوب. احفظه في مكان آمن، بعيدًا عن الملف.
</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>نُسخ إلى الحافظة.</translation>
    </message>
    <message>
        <source>Saved in {0}.</source>
        <translation>حُفظ في {0}.</translation>
    </message>
    <message>
        <source>{0} recovery key.txt</source>
        <translation>{0} مفتاح الاسترجاع.txt</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>حفظ مفتاح الاسترجاع</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>ملفات نصية (*.txt)</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>أُرسل إلى الطابعة.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>The recovery key</source>
        <translation>مفتاح الاسترجاع</translation>
    </message>
    <message>
        <source>The company is created. Here is the one key that opens it on any computer.</source>
        <translation>أُنشئت الشركة. هذا هو المفتاح الوحيد الذي يفتحها على أي حاسوب.</translation>
    </message>
    <message>
        <source>If this computer breaks or the file is moved to another one, this recovery key is the only way to open the books. Daftar shows it now and never again. Print it or save it, and keep it somewhere safe, away from the company file.</source>
        <translation>إذا تعطّل هذا الحاسوب أو نُقل الملف إلى حاسوب آخر، فمفتاح الاسترجاع هذا هو الوسيلة الوحيدة لفتح الدفاتر. يعرضه دفتر الآن ولن يعرضه مرة أخرى. اطبعه أو احفظه، واحتفظ به في مكان آمن بعيدًا عن ملف الشركة.</translation>
    </message>
    <message>
        <source>I have stored the recovery key somewhere &amp;safe</source>
        <translation>حفظتُ مفتاح الاسترجاع في مكان &amp;آمن</translation>
    </message>
</context>
<context>
    <name>RecurringDialog</name>
    <message>
        <source>Recurring entries</source>
        <translation>القيود الدورية</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>اليومية</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>التكرار</translation>
    </message>
    <message>
        <source>Next date</source>
        <translation>التاريخ القادم</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;جديد…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;تعديل…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>إي&amp;قاف مؤقت</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;حذف</translation>
    </message>
    <message>
        <source>Propose &amp;due drafts…</source>
        <translation>اقتراح المسودات ال&amp;مستحقة…</translation>
    </message>
    <message>
        <source>No recurring template yet: press Insert to make one, or use &quot;Make recurring…&quot; on an entry in the Entries page.</source>
        <translation>لا يوجد نموذج دوري بعد: اضغط Insert لإنشاء واحد، أو استعمل «جعله دوريًا…» على قيد في صفحة القيود.</translation>
    </message>
    <message>
        <source>Templates propose drafts when due; nothing is posted until you post the drafts in the Entries page.</source>
        <translation>تقترح النماذج مسودات عند الاستحقاق؛ لا يُرحَّل شيء حتى ترحّل المسودات في صفحة القيود.</translation>
    </message>
    <message>
        <source>{0}, day {1}</source>
        <translation>{0}، اليوم {1}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>موقوف</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>اس&amp;تئناف</translation>
    </message>
    <message>
        <source>Template {0} saved.</source>
        <translation>حُفظ النموذج {0}.</translation>
    </message>
    <message>
        <source>{0} resumed: the entries it missed while paused are due again.</source>
        <translation>استُؤنف {0}: القيود التي فاتته أثناء الإيقاف مستحقة من جديد.</translation>
    </message>
    <message>
        <source>{0} paused: it proposes nothing until resumed.</source>
        <translation>أُوقف {0}: لن يقترح شيئًا حتى يُستأنف.</translation>
    </message>
    <message>
        <source>Delete the template {0}? The drafts it already made stay in the Entries page.</source>
        <translation>حذف النموذج {0}؟ تبقى المسودات التي أنشأها في صفحة القيود.</translation>
    </message>
    <message>
        <source>Template {0} deleted.</source>
        <translation>حُذف النموذج {0}.</translation>
    </message>
</context>
<context>
    <name>ReferencePage</name>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>تعطيل</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>إعادة التفعيل</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Run (F5)</source>
        <translation type="vanished">ت&amp;شغيل (F5)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="vanished">ت&amp;صدير</translation>
    </message>
    <message>
        <source>R&amp;un (F5)</source>
        <translation>ت&amp;شغيل (F5)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>ت&amp;صدير</translation>
    </message>
    <message>
        <source>Print pre&amp;view</source>
        <translation>م&amp;عاينة الطباعة</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;طباعة…</translation>
    </message>
    <message>
        <source>Run the report</source>
        <translation>تشغيل التقرير</translation>
    </message>
    <message>
        <source>Export to &amp;PDF…</source>
        <translation>تصدير إلى &amp;PDF…</translation>
    </message>
    <message>
        <source>Export to E&amp;xcel (XLSX)…</source>
        <translation>تصدير إلى E&amp;xcel (XLSX)…</translation>
    </message>
    <message>
        <source>Export to &amp;CSV…</source>
        <translation>تصدير إلى &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;Legal printout (PDF)…</source>
        <translation>الطبعة ال&amp;قانونية (PDF)…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>معاينة الطباعة</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>طباعة</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>جارٍ إعداد التقرير…</translation>
    </message>
    <message>
        <source>The books changed: this report is out of date. Press F5 to refresh it.</source>
        <translation>تغيّرت الدفاتر: هذا التقرير لم يعد محدَّثًا. اضغط F5 لتحديثه.</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>حُفظ في {0}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a company from the cloud</source>
        <translation>استعادة شركة من السحابة</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>the credential store</source>
        <translation>مخزن بيانات الاعتماد</translation>
    </message>
    <message>
        <source>required: this system has no credential store</source>
        <translation>إلزامي: لا يوجد مخزن لبيانات الاعتماد في هذا النظام</translation>
    </message>
    <message>
        <source>The PC that kept it is lost: take it over</source>
        <translation>الحاسوب الذي كان يحتفظ بها مفقود: استلامها</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>اسم الشركة</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>مفتاح الاسترداد</translation>
    </message>
    <message>
        <source>New file</source>
        <translation>ملف جديد</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>ملف المفتاح</translation>
    </message>
    <message>
        <source>New company file</source>
        <translation>ملف شركة جديد</translation>
    </message>
    <message>
        <source>Daftar company (*.daftar)</source>
        <translation>شركة دفتر (*.daftar)</translation>
    </message>
    <message>
        <source>Give the company&apos;s name, its recovery key and the new file.</source>
        <translation>أدخل اسم الشركة ومفتاح استردادها والملف الجديد.</translation>
    </message>
    <message>
        <source>This system has no credential store: give a key file where the company&apos;s key will be kept.</source>
        <translation>لا يوجد مخزن لبيانات الاعتماد في هذا النظام: حدّد ملف مفتاح يُحفظ فيه مفتاح الشركة.</translation>
    </message>
    <message>
        <source>{0} is kept on PC {1} since {2}. Release it there first; if that PC is lost, tick “take it over” and restore again (what was changed there since its last backup stays on that PC).</source>
        <translation>الشركة {0} محفوظة على الحاسوب {1} منذ {2}. حرّرها هناك أولًا؛ وإذا كان ذلك الحاسوب مفقودًا، ففعّل «استلامها» واستعد من جديد (ما تغيّر هناك منذ آخر نسخة احتياطية يبقى على ذلك الحاسوب).</translation>
    </message>
    <message>
        <source>Another PC took this company at the same moment; restore again.</source>
        <translation>استلم حاسوب آخر هذه الشركة في اللحظة نفسها؛ استعد من جديد.</translation>
    </message>
    <message>
        <source>If that PC is lost, tick “take it over” and restore again.</source>
        <translation type="vanished">إذا كان ذلك الحاسوب مفقودًا، فعّل «استلامها» واستعد من جديد.</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <source>Reverse entry</source>
        <translation>عكس القيد</translation>
    </message>
    <message>
        <source>A reversal entry with debit and credit swapped cancels {0}. It is posted at once.</source>
        <translation>قيد عكسي يُبادل المدين والدائن يلغي {0}. ويُرحّل فورًا.</translation>
    </message>
    <message>
        <source>Reversal of {0}</source>
        <translation>عكس {0}</translation>
    </message>
    <message>
        <source>&amp;Date of the reversal</source>
        <translation>&amp;تاريخ القيد العكسي</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>ال&amp;بيان</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>عكس</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>ت&amp;طبيق</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>ال&amp;لغة:</translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language; open companies stay open. Account labels follow the language where the chart has them.</source>
        <translation>تُعاد بناء النافذة باللغة الجديدة؛ وتبقى الشركات المفتوحة مفتوحة. تتبع تسميات الحسابات اللغة حيثما توفرها المدونة.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>الشركة</translation>
    </message>
    <message>
        <source>E&amp;dit…</source>
        <translation>ت&amp;عديل…</translation>
    </message>
    <message>
        <source>Change the name, address and legal identifiers</source>
        <translation>تغيير الاسم والعنوان والمعرّفات القانونية</translation>
    </message>
    <message>
        <source>SCF (Algerian financial accounting system)</source>
        <translation>SCF (النظام المحاسبي المالي الجزائري)</translation>
    </message>
    <message>
        <source>PCG (French general chart of accounts)</source>
        <translation>PCG (المخطط المحاسبي العام الفرنسي)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>العملة</translation>
    </message>
    <message>
        <source>Chart of accounts</source>
        <translation>مدونة الحسابات</translation>
    </message>
    <message>
        <source>NIF</source>
        <translation>رقم التعريف الجبائي (NIF)</translation>
    </message>
    <message>
        <source>NIS</source>
        <translation>رقم التعريف الإحصائي (NIS)</translation>
    </message>
    <message>
        <source>RC</source>
        <translation>رقم السجل التجاري (RC)</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>رقم المادة الجبائية (AI)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Fiscal years</source>
        <translation>السنوات المالية</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>السنة</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Open &amp;next fiscal year</source>
        <translation>فتح السنة المالية ال&amp;تالية</translation>
    </message>
    <message>
        <source>&amp;Close fiscal year…</source>
        <translation>إق&amp;فال السنة المالية…</translation>
    </message>
    <message>
        <source>Allocate the &amp;result…</source>
        <translation>ت&amp;خصيص النتيجة…</translation>
    </message>
    <message>
        <source>Allocate the re&amp;sult…</source>
        <translation type="vanished">تخصيص ال&amp;نتيجة…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>مقفلة</translation>
    </message>
    <message>
        <source>Close fiscal year {0}? This is final: no entry can be posted into it afterwards, and it cannot be reopened.</source>
        <translation type="vanished">هل تُقفل السنة المالية {0}؟ هذا نهائي: لن يمكن ترحيل أي قيد فيها بعد ذلك، ولن يمكن إعادة فتحها.</translation>
    </message>
    <message>
        <source>Close fiscal year</source>
        <translation type="vanished">إقفال السنة المالية</translation>
    </message>
    <message>
        <source>Close the year</source>
        <translation type="vanished">إقفال السنة</translation>
    </message>
    <message>
        <source>Lock date</source>
        <translation>تاريخ القفل</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>قفل ال&amp;دفاتر</translation>
    </message>
    <message>
        <source>Lock &amp;up to:</source>
        <translation>القفل &amp;حتى:</translation>
    </message>
    <message>
        <source>Entries dated on or before the lock date can no longer be posted, changed or deleted. The lock date only moves forward.</source>
        <translation>القيود المؤرخة في تاريخ القفل أو قبله لا يمكن ترحيلها أو تعديلها أو حذفها. تاريخ القفل يتقدم فقط ولا يتراجع.</translation>
    </message>
    <message>
        <source>The books are not locked.</source>
        <translation>الدفاتر غير مقفلة.</translation>
    </message>
    <message>
        <source>The books are locked up to {0} inclusive.</source>
        <translation>الدفاتر مقفلة حتى {0} ضمنًا.</translation>
    </message>
    <message>
        <source>Lock the books up to {0}? Entries dated on or before that day can no longer be posted, changed or deleted, and the lock date cannot be moved back.</source>
        <translation>هل تقفل الدفاتر حتى {0}؟ القيود المؤرخة في ذلك اليوم أو قبله لن يمكن ترحيلها أو تعديلها أو حذفها، ولن يمكن إرجاع تاريخ القفل إلى الوراء.</translation>
    </message>
    <message>
        <source>Lock the books</source>
        <translation>قفل الدفاتر</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>قفل</translation>
    </message>
    <message>
        <source>Key protection</source>
        <translation>حماية المفتاح</translation>
    </message>
    <message>
        <source>A key file</source>
        <translation>ملف مفتاح</translation>
    </message>
    <message>
        <source>Protected by</source>
        <translation>محمي بواسطة</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>ملف المفتاح</translation>
    </message>
    <message>
        <source>A passphrase</source>
        <translation>عبارة مرور</translation>
    </message>
    <message>
        <source>Opened with</source>
        <translation>فُتح باستعمال</translation>
    </message>
    <message>
        <source>The recovery key</source>
        <translation>مفتاح الاسترجاع</translation>
    </message>
    <message>
        <source>The operating system&apos;s credential store</source>
        <translation>مخزن بيانات الاعتماد في نظام التشغيل</translation>
    </message>
    <message>
        <source>Daftar cloud</source>
        <translation>سحابة دفتر</translation>
    </message>
    <message>
        <source>Not available in this window.</source>
        <translation>غير متاح في هذه النافذة.</translation>
    </message>
    <message>
        <source>Companion service</source>
        <translation type="vanished">الخدمة المرافقة</translation>
    </message>
    <message>
        <source>Not set up. Synchronisation with the companion service is not available in this version of Daftar; the company file is kept on this computer only.</source>
        <translation type="vanished">غير مُعدّ. المزامنة مع الخدمة المرافقة غير متاحة في هذا الإصدار من دفتر؛ يبقى ملف الشركة على هذا الحاسوب فقط.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Menus</source>
        <translation>القوائم</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Statement of account — {0}</source>
        <translation>كشف حساب — {0}</translation>
    </message>
    <message>
        <source>Third party:</source>
        <translation>الغير:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>ال&amp;فترة:</translation>
    </message>
    <message>
        <source>&amp;Language of the document:</source>
        <translation>&amp;لغة الوثيقة:</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>تاريخ النهاية يسبق تاريخ البداية.</translation>
    </message>
    <message>
        <source>Statement of account</source>
        <translation>كشف حساب</translation>
    </message>
    <message>
        <source>Save the statement of account</source>
        <translation>حفظ كشف الحساب</translation>
    </message>
    <message>
        <source>Writing the statement of account…</source>
        <translation>جارٍ إعداد كشف الحساب…</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>Recurring template {0}</source>
        <translation>النموذج الدوري {0}</translation>
    </message>
    <message>
        <source>New recurring template</source>
        <translation>نموذج دوري جديد</translation>
    </message>
    <message>
        <source>&amp;Ends on</source>
        <translation>ي&amp;نتهي في</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>الحساب</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>مدين</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>دائن</translation>
    </message>
    <message>
        <source>&amp;Add line</source>
        <translation>إ&amp;ضافة سطر</translation>
    </message>
    <message>
        <source>&amp;Remove line</source>
        <translation>إزالة ال&amp;سطر</translation>
    </message>
    <message>
        <source>In the label and reference, {month} becomes the month of each entry (03/2026), {year} its year, {period} the months it covers (04/2026-06/2026 for a quarter).</source>
        <translation>في التسمية والمرجع، يصبح {month} شهر كل قيد (03/2026)، و{year} سنته، و{period} الأشهر التي يغطيها (04/2026-06/2026 لثلاثي).</translation>
    </message>
    <message>
        <source>on day</source>
        <translation>في اليوم</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>الا&amp;سم</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>الي&amp;ومية</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>ال&amp;تسمية</translation>
    </message>
    <message>
        <source>Re&amp;ference</source>
        <translation>الم&amp;رجع</translation>
    </message>
    <message>
        <source>&amp;Repeats</source>
        <translation>الت&amp;كرار</translation>
    </message>
    <message>
        <source>&amp;First date</source>
        <translation>التاريخ الأ&amp;ول</translation>
    </message>
    <message>
        <source>Line {0}: {1}</source>
        <translation>السطر {0}: {1}</translation>
    </message>
    <message>
        <source>Balanced: {0}</source>
        <translation>متوازن: {0}</translation>
    </message>
    <message>
        <source>Debit {0} · credit {1} · off by {2}</source>
        <translation>مدين {0} · دائن {1} · فرق {2}</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>الاسم مطلوب.</translation>
    </message>
    <message>
        <source>There is no active journal to draft in.</source>
        <translation>لا توجد يومية نشطة لإنشاء المسودات فيها.</translation>
    </message>
    <message>
        <source>The label is required.</source>
        <translation>التسمية مطلوبة.</translation>
    </message>
    <message>
        <source>Debits and credits differ by {0}.</source>
        <translation>يختلف المدين عن الدائن بـ {0}.</translation>
    </message>
    <message>
        <source>The end date is before the first date.</source>
        <translation>تاريخ النهاية يسبق التاريخ الأول.</translation>
    </message>
</context>
<context>
    <name>ThirdPartiesPage</name>
    <message>
        <source>All kinds</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>Search by code, name or NIF (Ctrl+F)</source>
        <translation>ابحث بالرمز أو الاسم أو رقم التعريف الجبائي (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="vanished">بحث</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="vanished">تعديل</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="vanished">تعطيل</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">حذف</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="vanished">إعادة التفعيل</translation>
    </message>
    <message>
        <source>Third party {0} added.</source>
        <translation>أُضيف الغير {0}.</translation>
    </message>
    <message>
        <source>Statement of account…</source>
        <translation>كشف حساب…</translation>
    </message>
    <message>
        <source>Statement of account of {0} saved to {1}</source>
        <translation>حُفظ كشف حساب {0} في {1}</translation>
    </message>
    <message>
        <source>Third party {0} reactivated.</source>
        <translation>أُعيد تفعيل الغير {0}.</translation>
    </message>
    <message>
        <source>Third party {0} deactivated.</source>
        <translation>عُطّل الغير {0}.</translation>
    </message>
    <message>
        <source>Delete third party {0} {1}?</source>
        <translation>هل تحذف الغير {0} {1}؟</translation>
    </message>
    <message>
        <source>Third party {0} deleted.</source>
        <translation>حُذف الغير {0}.</translation>
    </message>
    <message>
        <source>Third parties</source>
        <translation>الغير</translation>
    </message>
</context>
<context>
    <name>TotalsBar</name>
    <message>
        <source>Debit</source>
        <translation>مدين</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>دائن</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>الفرق</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock {0}</source>
        <translation>فتح قفل {0}</translation>
    </message>
    <message>
        <source>With its &amp;recovery key</source>
        <translation>بمفتاح الا&amp;سترجاع</translation>
    </message>
    <message>
        <source>With its &amp;passphrase</source>
        <translation>بعبارة ال&amp;مرور</translation>
    </message>
    <message>
        <source>R&amp;emember the key on this computer, in its credential store</source>
        <translation>&amp;تذكّر المفتاح على هذا الحاسوب، في مخزن بيانات الاعتماد</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;فتح</translation>
    </message>
</context>
<context>
    <name>UsagePreview</name>
    <message>
        <source>Usage counters: what would be sent</source>
        <translation>عدّادات الاستخدام: ما سيُرسل</translation>
    </message>
    <message>
        <source>Nothing: no counts are waiting to be sent.</source>
        <translation>لا شيء: لا توجد أعداد بانتظار الإرسال.</translation>
    </message>
    <message>
        <source>Counts only: a counter&apos;s name, a day and a number. Never a company, a name, a label or an amount.</source>
        <translation>أعداد فقط: اسم العدّاد ويوم ورقم. لا شركة ولا اسم ولا بيان ولا مبلغ أبدًا.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Accounting books under the Algerian SCF or the French PCG, each company in its own encrypted file on this computer.</source>
        <translation>دفاتر محاسبية وفق النظام المحاسبي المالي الجزائري أو المخطط المحاسبي العام الفرنسي، لكل شركة ملفها المشفّر على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>&amp;Create a company…</source>
        <translation>إ&amp;نشاء شركة…</translation>
    </message>
    <message>
        <source>A new company file with its chart of accounts and first fiscal year (Ctrl+Shift+N).</source>
        <translation>ملف شركة جديد بمدونة حساباته وسنته المالية الأولى (Ctrl+Shift+N).</translation>
    </message>
    <message>
        <source>&amp;Open a company file…</source>
        <translation>&amp;فتح ملف شركة…</translation>
    </message>
    <message>
        <source>A .daftar file made on this computer or brought from another one ({0}).</source>
        <translation>ملف ‎.daftar‎ أُنشئ على هذا الحاسوب أو جُلب من حاسوب آخر ({0}).</translation>
    </message>
    <message>
        <source>Open the &amp;demo company</source>
        <translation>فتح الشركة ال&amp;تجريبية</translation>
    </message>
    <message>
        <source>SARL Atlas Distribution: a year of realistic books to look around in (Ctrl+Shift+D).</source>
        <translation>SARL Atlas Distribution: سنة من الدفاتر الواقعية للاستكشاف (Ctrl+Shift+D).</translation>
    </message>
    <message>
        <source>Restore from the c&amp;loud…</source>
        <translation>استعادة من ال&amp;سحابة…</translation>
    </message>
    <message>
        <source>A company backed up to the Daftar cloud, with its recovery key: for a new or replaced PC.</source>
        <translation>شركة منسوخة احتياطيًا في سحابة دفتر، بمفتاح استردادها: لحاسوب جديد أو بديل.</translation>
    </message>
    <message>
        <source>&amp;Recent companies</source>
        <translation>الشركات ال&amp;أخيرة</translation>
    </message>
    <message>
        <source>Remove from this list</source>
        <translation>إزالة من هذه القائمة</translation>
    </message>
    <message>
        <source>No company opened yet. Create one, open a file, or open the demo company to look around.</source>
        <translation>لم تُفتح أي شركة بعد. أنشئ شركة أو افتح ملفًا أو افتح الشركة التجريبية للاستكشاف.</translation>
    </message>
</context>
<context>
    <name>YearEndDialog</name>
    <message>
        <source>Close fiscal year {0}</source>
        <translation>إقفال السنة المالية {0}</translation>
    </message>
    <message>
        <source>Closing is final: nothing can be posted into {0} afterwards and it cannot be reopened. The next year opens on its balances: Daftar posts the à-nouveaux on the next year&apos;s first day, each third party on its own line, the result on 120 (profit) or 129 (loss) until its allocation is posted.</source>
        <translation>الإقفال نهائي: لا يمكن بعده ترحيل أي قيد في السنة {0} ولا يمكن إعادة فتحها. تُفتح السنة التالية على أرصدتها: يرحّل دفتر الأرصدة الافتتاحية في أول يوم من السنة التالية، كل متعامل في سطر خاص به، والنتيجة في 120 (ربح) أو 129 (خسارة) إلى حين ترحيل تخصيصها.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>عمليات التحقق</translation>
    </message>
    <message>
        <source>Reading the books…</source>
        <translation>جارٍ قراءة الدفاتر…</translation>
    </message>
    <message>
        <source>I have checked this year&apos;s figures: close it for &amp;good</source>
        <translation>راجعتُ أرقام هذه السنة: أقفلها &amp;نهائيًا</translation>
    </message>
    <message>
        <source>C&amp;lose the year</source>
        <translation>أ&amp;قفل السنة</translation>
    </message>
    <message>
        <source>No drafts, every journal balances, suspense and transfer accounts are clear.</source>
        <translation>لا مسودات، وكل اليوميات متوازنة، وحسابات الانتظار والتحويلات الداخلية مصفّاة.</translation>
    </message>
    <message>
        <source>Result of {0}: profit of {1}</source>
        <translation>نتيجة السنة {0}: ربح قدره {1}</translation>
    </message>
    <message>
        <source>Result of {0}: loss of {1}</source>
        <translation>نتيجة السنة {0}: خسارة قدرها {1}</translation>
    </message>
    <message>
        <source>À-nouveaux on {0}: {1} lines are already posted; the closing adds the {2} they lack.</source>
        <translation>الأرصدة الافتتاحية بتاريخ {0}: {1} سطرًا مرحّلة من قبل؛ يضيف الإقفال الأسطر الناقصة وعددها {2}.</translation>
    </message>
    <message>
        <source>À-nouveaux on {0}: the {1} lines already posted match this year&apos;s balances; nothing to add.</source>
        <translation>الأرصدة الافتتاحية بتاريخ {0}: الأسطر المرحّلة من قبل ({1}) تطابق أرصدة هذه السنة؛ لا شيء يُضاف.</translation>
    </message>
    <message>
        <source>À-nouveaux on {0}: {1} lines.</source>
        <translation>الأرصدة الافتتاحية بتاريخ {0}: {1} سطرًا.</translation>
    </message>
    <message>
        <source>Fiscal year {0} is closed; the next year opens on its balances.</source>
        <translation>أُقفلت السنة المالية {0}؛ وتُفتح السنة التالية على أرصدتها.</translation>
    </message>
</context>
<context>
    <name>_RecentDelegate</name>
    <message>
        <source>{0} (not found)</source>
        <translation>{0} (غير موجود)</translation>
    </message>
</context>
<context>
    <name>bank</name>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>الاقتراح</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>القيد</translation>
    </message>
    <message>
        <source>Import statement…</source>
        <translation>استيراد كشف…</translation>
    </message>
    <message>
        <source>Match automatically</source>
        <translation>مقاربة آلية</translation>
    </message>
    <message>
        <source>Match selected</source>
        <translation>مقاربة المحدد</translation>
    </message>
    <message>
        <source>Next possible pair</source>
        <translation>المقاربة المحتملة التالية</translation>
    </message>
    <message>
        <source>Reconciliation statement…</source>
        <translation>حالة المقاربة…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <source>Post…</source>
        <translation>ترحيل…</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>الحساب البنكي</translation>
    </message>
    <message>
        <source>At</source>
        <translation>في</translation>
    </message>
    <message>
        <source>Statement lines not in the books</source>
        <translation>سطور الكشف غير المسجلة في الدفاتر</translation>
    </message>
    <message>
        <source>Book lines not on the statement</source>
        <translation>سطور الدفاتر غير الظاهرة في الكشف</translation>
    </message>
    <message>
        <source>The chart has no bank account: add one (kind Bank) to reconcile its statements.</source>
        <translation>لا يحتوي المخطط على حساب بنكي: أضف حسابًا (نوع بنك) لمقاربة كشوفه.</translation>
    </message>
    <message>
        <source>No statement imported for this account yet: Ctrl+Shift+I imports one.</source>
        <translation>لم يُستورد أي كشف لهذا الحساب بعد: Ctrl+Shift+I يستورد واحدًا.</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>مطابق</translation>
    </message>
    <message>
        <source>Difference {0}</source>
        <translation>فرق {0}</translation>
    </message>
    <message>
        <source>Statement at {0}: {1} · Books: {2} · {3} statement lines and {4} book lines open · {5}</source>
        <translation>الكشف في {0}: {1} · الدفاتر: {2} · {3} سطور من الكشف و{4} سطور من الدفاتر غير مقاربة · {5}</translation>
    </message>
    <message>
        <source>{0} (Enter accepts it, F2 posts elsewhere)</source>
        <translation>{0} (Enter لقبوله، F2 للترحيل في حساب آخر)</translation>
    </message>
    <message>
        <source>Selected: statement {0} · books {1}</source>
        <translation>المحدد: الكشف {0} · الدفاتر {1}</translation>
    </message>
    <message>
        <source>difference {0}</source>
        <translation>الفرق {0}</translation>
    </message>
    <message>
        <source>Import a bank statement</source>
        <translation>استيراد كشف بنكي</translation>
    </message>
    <message>
        <source>Bank statements (*.xml *.053 *.ofx *.qfx *.csv *.txt);;All files (*)</source>
        <translation>كشوف بنكية (*.xml *.053 *.ofx *.qfx *.csv *.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Bank journal</source>
        <translation>يومية البنك</translation>
    </message>
    <message>
        <source>Journal of the entries:</source>
        <translation>يومية القيود:</translation>
    </message>
    <message>
        <source>CSV statement</source>
        <translation>كشف CSV</translation>
    </message>
    <message>
        <source>The bank&apos;s column mapping:</source>
        <translation>مطابقة أعمدة البنك:</translation>
    </message>
    <message>
        <source>Nothing to choose for: {0}</source>
        <translation>لا يوجد ما يُختار لـ: {0}</translation>
    </message>
    <message>
        <source>{0}: {1} new lines, {2} already imported.</source>
        <translation>{0}: {1} سطور جديدة، {2} مستوردة من قبل.</translation>
    </message>
    <message>
        <source>Posted {0}-{1} and matched it with the statement line.</source>
        <translation>رُحّل {0}-{1} وقُورب مع سطر الكشف.</translation>
    </message>
    <message>
        <source>Matched {0} statement lines with {1} book lines.</source>
        <translation>قُوربت {0} سطور من الكشف مع {1} سطور من الدفاتر.</translation>
    </message>
    <message>
        <source>Possible pair ({0} %): {1}. Ctrl+Enter matches it, F8 shows the next.</source>
        <translation>مقاربة محتملة ({0} %): {1}. Ctrl+Enter يقاربها، F8 يعرض التالية.</translation>
    </message>
    <message>
        <source>No possible pair left to check.</source>
        <translation>لم تبق أي مقاربة محتملة للفحص.</translation>
    </message>
    <message>
        <source>Save the reconciliation statement</source>
        <translation>حفظ حالة المقاربة</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Reconciliation statement written to {0}.</source>
        <translation>حُفظت حالة المقاربة في {0}.</translation>
    </message>
    <message>
        <source>{0} pairs matched; {1} possible pairs left for you to check (F8 shows the next).</source>
        <translation>قُوربت {0} أزواج؛ بقيت {1} مقاربات محتملة للفحص (F8 يعرض التالية).</translation>
    </message>
    <message>
        <source>Post the statement line</source>
        <translation>ترحيل سطر الكشف</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>الحساب</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Type the account the money comes from or goes to.</source>
        <translation>اكتب الحساب الذي يأتي منه المال أو يذهب إليه.</translation>
    </message>
    <message>
        <source>There is no account {0}.</source>
        <translation>لا يوجد حساب {0}.</translation>
    </message>
    <message>
        <source>Account {0} cannot take entries.</source>
        <translation>لا يقبل الحساب {0} القيود.</translation>
    </message>
    <message>
        <source>The counterpart cannot be the bank account itself.</source>
        <translation>لا يمكن أن يكون الطرف المقابل هو الحساب البنكي نفسه.</translation>
    </message>
    <message>
        <source>There is no third party {0}.</source>
        <translation>لا يوجد غير {0}.</translation>
    </message>
    <message>
        <source>Account {0} needs a third party.</source>
        <translation>الحساب {0} يتطلب غيرًا.</translation>
    </message>
</context>
<context>
    <name>chart</name>
    <message>
        <source>General</source>
        <translation>عام</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>بنك</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>صندوق</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>زبون</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>مورد</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>ضرائب</translation>
    </message>
</context>
<context>
    <name>cloud</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Daftar cloud</source>
        <translation>سحابة دفتر</translation>
    </message>
    <message>
        <source>Backing up {0}…</source>
        <translation>جارٍ نسخ {0} احتياطيًا…</translation>
    </message>
    <message>
        <source>The backup did not complete; the next one resumes where it stopped.</source>
        <translation>لم يكتمل النسخ الاحتياطي؛ سيستأنف النسخ التالي من حيث توقف.</translation>
    </message>
    <message>
        <source>Already backed up: nothing changed since the last backup.</source>
        <translation>منسوخة احتياطيًا من قبل: لم يتغير شيء منذ آخر نسخة.</translation>
    </message>
    <message>
        <source>Backed up: {0} of {1} pieces were new.</source>
        <translation>تم النسخ الاحتياطي: {0} من {1} أجزاء جديدة.</translation>
    </message>
    <message>
        <source>Backing up {0} before closing…</source>
        <translation>جارٍ نسخ {0} احتياطيًا قبل الإغلاق…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The entry was not posted:</source>
        <translation>لم يُرحّل القيد:</translation>
    </message>
    <message>
        <source>The fiscal year was not closed:</source>
        <translation>لم تُقفل السنة المالية:</translation>
    </message>
    <message>
        <source>{0}, row {1}, column {2}</source>
        <translation>{0}، السطر {1}، العمود {2}</translation>
    </message>
    <message>
        <source>{0}, row {1}</source>
        <translation>{0}، السطر {1}</translation>
    </message>
    <message>
        <source>Nothing was imported. {0}: {1}</source>
        <translation>لم يُستورد شيء. {0}: {1}</translation>
    </message>
    <message>
        <source>The file could not be read or written</source>
        <translation>تعذّرت قراءة الملف أو الكتابة فيه</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>أُلغي. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Daftar met a problem it did not expect, and nothing was changed. The details are in {0}; please send that file to support.</source>
        <translation>واجه دفتر مشكلة غير متوقعة، ولم يتغير شيء. التفاصيل في {0}؛ يُرجى إرسال هذا الملف إلى الدعم.</translation>
    </message>
    <message>
        <source>Daftar</source>
        <translation>دفتر</translation>
    </message>
</context>
<context>
    <name>journals</name>
    <message>
        <source>Sales</source>
        <translation>المبيعات</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>المشتريات</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>البنك</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>الصندوق</translation>
    </message>
    <message>
        <source>Miscellaneous</source>
        <translation>عمليات متنوعة</translation>
    </message>
</context>
<context>
    <name>matching</name>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>القيد</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>مدين</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>دائن</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>الحرف</translation>
    </message>
    <message>
        <source>Matched lines too</source>
        <translation>والسطور المرصدة أيضًا</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>ترصيد</translation>
    </message>
    <message>
        <source>Match in part</source>
        <translation>ترصيد جزئي</translation>
    </message>
    <message>
        <source>Unmatch</source>
        <translation>إلغاء الترصيد</translation>
    </message>
    <message>
        <source>Match automatically</source>
        <translation>ترصيد آلي</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>الحساب</translation>
    </message>
    <message>
        <source>All third parties</source>
        <translation>كل الغير</translation>
    </message>
    <message>
        <source>{0} lines selected · debit {1} · credit {2} · balance {3}</source>
        <translation>{0} سطور محددة · مدين {1} · دائن {2} · رصيد {3}</translation>
    </message>
    <message>
        <source>Letter {0} is complete.</source>
        <translation>الحرف {0} مكتمل.</translation>
    </message>
    <message>
        <source>Letter {0} is still partial.</source>
        <translation>الحرف {0} لا يزال جزئيًا.</translation>
    </message>
    <message>
        <source>Matched {0} lines under letter {1}.</source>
        <translation>رُصّدت {0} سطور تحت الحرف {1}.</translation>
    </message>
    <message>
        <source>Letter {0} taken off {1} lines.</source>
        <translation>أُزيل الحرف {0} من {1} سطور.</translation>
    </message>
    <message>
        <source>{0} groups matched automatically ({1} lines).</source>
        <translation>رُصّدت {0} مجموعات آليًا ({1} سطور).</translation>
    </message>
</context>
<context>
    <name>nav</name>
    <message>
        <source>Dashboard</source>
        <translation>لوحة القيادة</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>القيود</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>البنك</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>الترصيد</translation>
    </message>
    <message>
        <source>Chart of accounts</source>
        <translation>مدونة الحسابات</translation>
    </message>
    <message>
        <source>Third parties</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>التقارير</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
</context>
<context>
    <name>opening</name>
    <message>
        <source>The key file {0} does not open {1}.</source>
        <translation>ملف المفتاح {0} لا يفتح {1}.</translation>
    </message>
    <message>
        <source>This computer has no credential store that could hold the key of {0}.</source>
        <translation>لا يوجد على هذا الحاسوب مخزن بيانات اعتماد يمكنه حفظ مفتاح {0}.</translation>
    </message>
    <message>
        <source>The key kept on this computer does not open {0}.</source>
        <translation>المفتاح المحفوظ على هذا الحاسوب لا يفتح {0}.</translation>
    </message>
    <message>
        <source>This computer does not hold the key of {0}: it was made or protected elsewhere.</source>
        <translation>هذا الحاسوب لا يحفظ مفتاح {0}: أُنشئ الملف أو حُمي في مكان آخر.</translation>
    </message>
    <message>
        <source>Enter its recovery key, or its passphrase if it was protected by one.</source>
        <translation>أدخل مفتاح الاسترجاع الخاص به، أو عبارة المرور إن كان محميًا بها.</translation>
    </message>
    <message>
        <source>This passphrase does not open the file. Check it (capitals count) and try again.</source>
        <translation>عبارة المرور هذه لا تفتح الملف. تحقق منها (الأحرف الكبيرة مهمة) وأعد المحاولة.</translation>
    </message>
    <message>
        <source>This recovery key is valid but belongs to another file: it does not open this one.</source>
        <translation>مفتاح الاسترجاع هذا صالح لكنه يخص ملفًا آخر: لا يفتح هذا الملف.</translation>
    </message>
    <message>
        <source>Open a company file</source>
        <translation>فتح ملف شركة</translation>
    </message>
    <message>
        <source>Daftar company files (*.daftar);;All files (*)</source>
        <translation>ملفات شركات دفتر (*.daftar);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Writing a year of books for the demo company…</source>
        <translation>جارٍ كتابة سنة من الدفاتر للشركة التجريبية…</translation>
    </message>
    <message>
        <source>Demo company</source>
        <translation>الشركة التجريبية</translation>
    </message>
</context>
<context>
    <name>parties</name>
    <message>
        <source>Customer</source>
        <translation>زبون</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>مورد</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>آخر</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>recurring</name>
    <message>
        <source>Monthly</source>
        <translation>شهري</translation>
    </message>
    <message>
        <source>Every two months</source>
        <translation>كل شهرين</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>ثلاثي</translation>
    </message>
    <message>
        <source>Every four months</source>
        <translation>كل أربعة أشهر</translation>
    </message>
    <message>
        <source>Half-yearly</source>
        <translation>سداسي</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>سنوي</translation>
    </message>
    <message>
        <source>Nothing was drafted. Fix what is said (open the year, reactivate the account…), pause the template or propose up to an earlier day, then try again:</source>
        <translation>لم تُنشأ أي مسودة. صحّح ما هو مذكور (افتح السنة، أعد تفعيل الحساب…)، أو أوقف النموذج، أو اقترح حتى تاريخ أسبق، ثم أعد المحاولة:</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Page {0} of {1}</source>
        <translation>الصفحة {0} من {1}</translation>
    </message>
    <message>
        <source>Trial balance</source>
        <translation>ميزان المراجعة</translation>
    </message>
    <message>
        <source>General ledger</source>
        <translation>دفتر الأستاذ</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>اليومية</translation>
    </message>
    <message>
        <source>Balance sheet</source>
        <translation>الميزانية</translation>
    </message>
    <message>
        <source>Income statement</source>
        <translation>جدول حسابات النتائج</translation>
    </message>
    <message>
        <source>Cash-flow statement</source>
        <translation>جدول سيولة الخزينة</translation>
    </message>
    <message>
        <source>Third-party balances</source>
        <translation>أرصدة الغير</translation>
    </message>
    <message>
        <source>Aged balance</source>
        <translation>ميزان أعمار الأرصدة</translation>
    </message>
    <message>
        <source>Non-current assets</source>
        <translation>الأصول غير الجارية</translation>
    </message>
    <message>
        <source>Current assets</source>
        <translation>الأصول الجارية</translation>
    </message>
    <message>
        <source>Fixed assets</source>
        <translation>الأصول الثابتة</translation>
    </message>
    <message>
        <source>Accruals</source>
        <translation>حسابات التسوية</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>رؤوس الأموال الخاصة</translation>
    </message>
    <message>
        <source>Other equity</source>
        <translation>أموال خاصة أخرى</translation>
    </message>
    <message>
        <source>Uncalled capital</source>
        <translation>رأس المال المكتتب غير المطلوب</translation>
    </message>
    <message>
        <source>Provisions</source>
        <translation>المؤونات</translation>
    </message>
    <message>
        <source>Debts</source>
        <translation>الديون</translation>
    </message>
    <message>
        <source>Non-current liabilities</source>
        <translation>الخصوم غير الجارية</translation>
    </message>
    <message>
        <source>Current liabilities</source>
        <translation>الخصوم الجارية</translation>
    </message>
    <message>
        <source>Operating activities</source>
        <translation>الأنشطة العملياتية</translation>
    </message>
    <message>
        <source>Financial items</source>
        <translation>العناصر المالية</translation>
    </message>
    <message>
        <source>Joint operations</source>
        <translation>العمليات المشتركة</translation>
    </message>
    <message>
        <source>Exceptional items</source>
        <translation>العناصر الاستثنائية</translation>
    </message>
    <message>
        <source>Extraordinary items</source>
        <translation>العناصر غير العادية</translation>
    </message>
    <message>
        <source>Income taxes</source>
        <translation>الضرائب على النتائج</translation>
    </message>
    <message>
        <source>Investing activities</source>
        <translation>الأنشطة الاستثمارية</translation>
    </message>
    <message>
        <source>Financing activities</source>
        <translation>الأنشطة التمويلية</translation>
    </message>
    <message>
        <source>Cash and cash equivalents</source>
        <translation>الخزينة وما يعادلها</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>الحساب</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <source>Opening debit</source>
        <translation>مدين افتتاحي</translation>
    </message>
    <message>
        <source>Opening credit</source>
        <translation>دائن افتتاحي</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>مدين</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>دائن</translation>
    </message>
    <message>
        <source>Closing debit</source>
        <translation>رصيد مدين</translation>
    </message>
    <message>
        <source>Closing credit</source>
        <translation>رصيد دائن</translation>
    </message>
    <message>
        <source>Aged receivables</source>
        <translation>أعمار الحقوق</translation>
    </message>
    <message>
        <source>Aged payables</source>
        <translation>أعمار الديون</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>غير مستحق بعد</translation>
    </message>
    <message>
        <source>0–30 days</source>
        <translation>0–30 يومًا</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 يومًا</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 يومًا</translation>
    </message>
    <message>
        <source>&gt; 90 days</source>
        <translation>&gt; 90 يومًا</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <source>(no third party)</source>
        <translation>(بدون غير)</translation>
    </message>
    <message>
        <source>Party / entry</source>
        <translation>الغير / القيد</translation>
    </message>
    <message>
        <source>Name / label</source>
        <translation>الاسم / التسمية</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>تاريخ الاستحقاق</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>الحرف</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>أيام التأخر</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>القيد</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>الغير</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>الرصيد</translation>
    </message>
    <message>
        <source>Only the first {0} lines are printed: narrow the dates or the accounts, or export to CSV or Excel for every line (totals are left out).</source>
        <translation>تُطبع أول {0} سطرًا فقط: ضيّق التواريخ أو الحسابات، أو صدّر إلى CSV أو Excel للحصول على كل الأسطر (المجاميع غير معروضة).</translation>
    </message>
    <message>
        <source>{0} lines read</source>
        <translation>قُرئ {0} سطرًا</translation>
    </message>
    <message>
        <source>Only the first {0} lines are shown: narrow the dates or the accounts to see the rest (totals are left out).</source>
        <translation type="vanished">تُعرض أول {0} سطرًا فقط: ضيّق التواريخ أو الحسابات لرؤية الباقي (المجاميع غير معروضة).</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>الرصيد الافتتاحي</translation>
    </message>
    <message>
        <source>Total {0}</source>
        <translation>مجموع {0}</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>السطر</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <source>Depreciation and impairment</source>
        <translation>الاهتلاكات وخسائر القيمة</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>الصافي</translation>
    </message>
    <message>
        <source>N-1 ({0})</source>
        <translation>N-1 ({0})</translation>
    </message>
    <message>
        <source>N-1 ({0} to {1})</source>
        <translation>N-1 (من {0} إلى {1})</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>الأصول</translation>
    </message>
    <message>
        <source>Total assets</source>
        <translation type="vanished">مجموع الأصول</translation>
    </message>
    <message>
        <source>Equity and liabilities</source>
        <translation>الخصوم</translation>
    </message>
    <message>
        <source>Total equity and liabilities</source>
        <translation type="vanished">مجموع الخصوم</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>زبون</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>مورد</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>آخر</translation>
    </message>
    <message>
        <source>Generated on {0}</source>
        <translation>أُنشئ في {0}</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>مستندات PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>مصنفات Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
    <message>
        <source>This report has {0} rows, more than the {1} rows an Excel sheet holds. Export it to CSV, or narrow the dates or the accounts.</source>
        <translation>يضم هذا التقرير {0} صفًا، أكثر من {1} صفًا تتسع لها ورقة Excel. صدّره إلى CSV، أو ضيّق التواريخ أو الحسابات.</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>جارٍ تصدير {0}…</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>جارٍ إعداد التقرير…</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>تصدير إلى PDF</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>تصدير إلى Excel</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>تصدير إلى CSV</translation>
    </message>
    <message>
        <source>Print preview — {0}</source>
        <translation>معاينة الطباعة — {0}</translation>
    </message>
    <message>
        <source>Printing {0}…</source>
        <translation>جارٍ طباعة {0}…</translation>
    </message>
    <message>
        <source>Writing the legal printout…</source>
        <translation>جارٍ كتابة الطبعة القانونية…</translation>
    </message>
    <message>
        <source>Legal printout (PDF)</source>
        <translation>الطبعة القانونية (PDF)</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Sync: not set up</source>
        <translation type="vanished">المزامنة: غير مُعدّة</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="vanished">غير متصل</translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="vanished">متصل</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="vanished">جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>مقفلة</translation>
    </message>
    <message>
        <source>Fiscal year {0} ({1})</source>
        <translation>السنة المالية {0} ({1})</translation>
    </message>
    <message>
        <source>Locked up to {0}</source>
        <translation>مقفلة حتى {0}</translation>
    </message>
    <message>
        <source>Not locked</source>
        <translation>غير مقفلة</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>للقراءة فقط</translation>
    </message>
    <message>
        <source>Backup: none yet</source>
        <translation>النسخ الاحتياطي: لا شيء بعد</translation>
    </message>
    <message>
        <source>Backup: {0}, overdue</source>
        <translation>النسخ الاحتياطي: {0}، متأخر</translation>
    </message>
    <message>
        <source>Backup: {0}</source>
        <translation>النسخ الاحتياطي: {0}</translation>
    </message>
    <message>
        <source>Read-only: {0}</source>
        <translation>للقراءة فقط: {0}</translation>
    </message>
    <message>
        <source>Cloud: not connected</source>
        <translation>السحابة: غير متصل</translation>
    </message>
    <message>
        <source>Cloud: offline</source>
        <translation>السحابة: دون اتصال</translation>
    </message>
    <message>
        <source>Cloud: online</source>
        <translation>السحابة: متصل</translation>
    </message>
    <message>
        <source>Cloud: syncing…</source>
        <translation>السحابة: جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>licence to renew by {0}</source>
        <translation>يجب تجديد الترخيص قبل {0}</translation>
    </message>
</context>
<context>
    <name>updates</name>
    <message>
        <source>Daftar {0} could not start and was set aside; this is {1}</source>
        <translation>تعذّر تشغيل دفتر {0} فاستُبعد؛ الإصدار الحالي {1}</translation>
    </message>
    <message>
        <source>Updates come through the Daftar cloud: connect this PC first</source>
        <translation>تصل التحديثات عبر سحابة دفتر: اربط هذا الحاسوب أولاً</translation>
    </message>
    <message>
        <source>Looking for a newer Daftar…</source>
        <translation>جارٍ البحث عن إصدار أحدث من دفتر…</translation>
    </message>
    <message>
        <source>Downloading the update… {0} %</source>
        <translation>جارٍ تنزيل التحديث… {0} %</translation>
    </message>
    <message>
        <source>Daftar {0} is up to date</source>
        <translation>دفتر {0} محدَّث</translation>
    </message>
    <message>
        <source>Daftar {0} is ready: it starts the next time you open Daftar</source>
        <translation>دفتر {0} جاهز: سيبدأ عند فتح دفتر في المرة القادمة</translation>
    </message>
    <message>
        <source>Daftar {0} could not start on this PC; staying on {1}</source>
        <translation>تعذّر تشغيل دفتر {0} على هذا الحاسوب؛ البقاء على الإصدار {1}</translation>
    </message>
    <message>
        <source>Daftar {0} is available</source>
        <translation>دفتر {0} متاح</translation>
    </message>
    <message>
        <source>Update not installed: {0}</source>
        <translation>لم يُثبَّت التحديث: {0}</translation>
    </message>
</context>
</TS>
