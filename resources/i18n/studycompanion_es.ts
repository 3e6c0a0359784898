<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>EmptyState</name>
    <message>
        <source>Paste a link</source>
        <translation>Pegar un enlace</translation>
    </message>
    <message>
        <source>Add video files…</source>
        <translation>Añadir archivos de vídeo…</translation>
    </message>
    <message>
        <source>Import TikTok export…</source>
        <translation>Importar exportación de TikTok…</translation>
    </message>
    <message>
        <source>Try the demo clip</source>
        <translation>Probar el clip de demostración</translation>
    </message>
    <message>
        <source>Adds a one-minute medical explanation that ships with the app and runs the whole pipeline (transcript, key points, cards) offline.</source>
        <translation>Añade una explicación médica de un minuto que viene con la aplicación y recorre todo el proceso (transcripción, puntos clave, tarjetas) sin conexión.</translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation>Tu biblioteca está vacía</translation>
    </message>
    <message>
        <source>Keep the short videos you learn from and turn them into Anki cards, offline.&lt;br&gt;&lt;br&gt;&lt;b&gt;Paste a link&lt;/b&gt; to a TikTok, YouTube Short or Instagram Reel anywhere in the window (&lt;b&gt;Ctrl+V&lt;/b&gt;), &lt;b&gt;drop&lt;/b&gt; video files or links here, or &lt;b&gt;import&lt;/b&gt; your TikTok “Download your data” export to bring in all your favourites at once.</source>
        <translation>Guarda los vídeos cortos con los que aprendes y conviértelos en tarjetas de Anki, sin conexión.&lt;br&gt;&lt;br&gt;&lt;b&gt;Pega un enlace&lt;/b&gt; a un TikTok, YouTube Short o Reel de Instagram en cualquier parte de la ventana (&lt;b&gt;Ctrl+V&lt;/b&gt;), &lt;b&gt;suelta&lt;/b&gt; aquí archivos de vídeo o enlaces, o &lt;b&gt;importa&lt;/b&gt; tu exportación “Descargar tus datos” de TikTok para traer todos tus favoritos de una vez.</translation>
    </message>
    <message>
        <source>Better accuracy: download {name} ({size} MB)…</source>
        <translation>Más precisión: descargar {name} ({size} MB)…</translation>
    </message>
    <message>
        <source>A bigger model gets more medical terms right; it downloads once and then runs on this computer like the bundled one.</source>
        <translation>Un modelo más grande acierta más términos médicos; se descarga una vez y luego funciona en este ordenador como el incluido.</translation>
    </message>
</context>
<context>
    <name>ImportChoiceDialog</name>
    <message>
        <source>Import from TikTok</source>
        <translation>Importar de TikTok</translation>
    </message>
    <message>
        <source>This export has favourites and liked videos. Which do you want to import?</source>
        <translation>Esta exportación tiene favoritos y vídeos que te gustan. ¿Cuáles quieres importar?</translation>
    </message>
    <message>
        <source>This is what the export holds. Import it?</source>
        <translation>Esto es lo que contiene la exportación. ¿Importarlo?</translation>
    </message>
    <message numerus="yes">
        <source>Favourites (%n)</source>
        <translation>
            <numerusform>Favoritos (%n)</numerusform>
            <numerusform>Favoritos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Liked videos (%n)</source>
        <translation>
            <numerusform>Vídeos que te gustan (%n)</numerusform>
            <numerusform>Vídeos que te gustan (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Both (%n)</source>
        <translation>
            <numerusform>Ambos (%n)</numerusform>
            <numerusform>Ambos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In both lists: %n (imported once).</source>
        <translation>
            <numerusform>En ambas listas: %n (se importa una vez).</numerusform>
            <numerusform>En ambas listas: %n (se importan una vez).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your own posts, never imported: %n.</source>
        <translation>
            <numerusform>Tus propias publicaciones, nunca importadas: %n.</numerusform>
            <numerusform>Tus propias publicaciones, nunca importadas: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
<context>
    <name>LibraryHealth</name>
    <message>
        <source>The library is gone</source>
        <translation>La biblioteca ha desaparecido</translation>
    </message>
    <message>
        <source>StudyCompanion has stopped downloading and transcribing. Nothing was lost that was saved before; no new, empty library is made in its place.</source>
        <translation>StudyCompanion ha dejado de descargar y transcribir. No se ha perdido nada de lo guardado antes; no se crea en su lugar una biblioteca nueva y vacía.</translation>
    </message>
    <message>
        <source>Choose another library…</source>
        <translation>Elegir otra biblioteca…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Choose another library</source>
        <translation>Elegir otra biblioteca</translation>
    </message>
    <message>
        <source>Another library</source>
        <translation>Otra biblioteca</translation>
    </message>
    <message>
        <source>StudyCompanion opens the library in {folder} when you start it again.</source>
        <translation>StudyCompanion abrirá la biblioteca de {folder} la próxima vez que lo inicies.</translation>
    </message>
    <message>
        <source>Restoring puts the newest good backup in place; rebuilding keeps every row that can still be read. The damaged file is kept beside it either way.</source>
        <translation>Restaurar pone en su lugar la copia de seguridad buena más reciente; reconstruir conserva todas las filas que aún se pueden leer. En ambos casos el archivo dañado se guarda al lado.</translation>
    </message>
    <message>
        <source>Restore the latest backup</source>
        <translation>Restaurar la última copia de seguridad</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Reconstruir</translation>
    </message>
</context>
</TS>
